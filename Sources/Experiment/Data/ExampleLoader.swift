import AudioFeatures
import Augment
import Foundation
import TensorCore

/// Files that could not become model inputs; one line per file.
public struct DataError: Error, CustomStringConvertible {
    /// The message, one line per problem.
    public let description: String
    init(_ message: String) { description = message }
}

/// Turns listed clips into model inputs through the feature cache.
struct ExampleLoader {
    let cache: FeatureCache
    let settings: FeatureSettings
    let threads: Int

    var exampleShape: [Int] { [settings.maxFrames, settings.nMels] }

    /// Padded inputs (example-major) and the number of real frames of each clip.
    func features(_ urls: [URL]) throws -> (inputs: [Float], validFrames: [Int]) {
        let size = exampleShape.reduce(1, *)
        let maxFrames = settings.maxFrames
        var inputs = [Float](repeating: 0, count: urls.count * size)
        var frames = [Int](repeating: 0, count: urls.count)
        var failures = [String?](repeating: nil, count: urls.count)
        // Each clip is copied into its slot as its worker finishes it, so the unpadded features are never all held.
        try inputs.withUnsafeMutableBufferPointer { buf in
            try frames.withUnsafeMutableBufferPointer { fr in
                try failures.withUnsafeMutableBufferPointer { fail in
                    nonisolated(unsafe) let (buf, fr, fail) = (buf, fr, fail)
                    try cache.features(for: urls, settings: settings, threads: threads) { i, result in
                        switch result {
                        case .success(let f):
                            f.copyPadded(into: buf.baseAddress! + i * size, maxFrames: maxFrames)
                            fr[i] = min(f.frames, maxFrames)
                        case .failure(let e):
                            fail[i] = "\(e)"
                        }
                    }
                }
            }
        }
        let problems = failures.compactMap { $0 }
        guard problems.isEmpty else {
            throw DataError("\(problems.count) clip(s) cannot be used (soundlab audit lists them):\n" + problems.joined(separator: "\n"))
        }
        return (inputs, frames)
    }

    /// Each clip decoded and resampled to the feature sample rate (for waveform augmentation).
    func waves(_ urls: [URL]) throws -> [[Float]] {
        // Validated here so the per-worker extractor below cannot fail silently.
        try settings.validate()
        var out = [[Float]](repeating: [], count: urls.count)
        var failures = [String?](repeating: nil, count: urls.count)
        out.withUnsafeMutableBufferPointer { o in
            failures.withUnsafeMutableBufferPointer { f in
                nonisolated(unsafe) let o = o, f = f
                ItemWorkers.run(count: urls.count, workers: threads, makeState: { try? FeatureExtractor(settings: settings) }) { extractor, i in
                    do { o[i] = extractor.wave(try AudioDecoder.decode(urls[i])) } catch { f[i] = "\(error)" }
                }
            }
        }
        let bad = failures.compactMap { $0 }
        guard bad.isEmpty else { throw DataError("\(bad.count) clip(s) cannot be decoded:\n" + bad.joined(separator: "\n")) }
        return out
    }

    /// Content hash (XXH3-128) of each file's bytes (duplicate groups and the dataset fingerprint), through the
    /// cache's memo so an unchanged file is hashed once, not on every run.
    func contentHashes(_ urls: [URL]) throws -> [String] {
        var hashes: [String] = [], failures: [String] = []
        for url in urls {
            do { hashes.append(try cache.contentHash(of: url)) } catch { failures.append("\(error)") }
        }
        cache.saveHashMemo()
        guard failures.isEmpty else { throw DataError(failures.joined(separator: "\n")) }
        return hashes
    }
}

/// Training examples whose waveform is augmented anew each epoch (noise, gain, shifts), then turned into features.
final class WaveAugmentedExamples: ExampleSource {
    let count: Int
    let labels: [Int]
    let exampleShape: [Int]
    private let waves: [[Float]]
    private let pipeline: AugmentPipeline
    private let streamKeys: [UInt64]
    private let settings: FeatureSettings
    private let seed: UInt64
    private let threads: Int
    private let spec: ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)?
    private var inputs: [Float] = []
    private var validFrames: [Int] = []

    init(waves: [[Float]], labels: [Int], settings: FeatureSettings, pipeline: AugmentPipeline, streamKeys: [UInt64],
         seed: UInt64, threads: Int, spec: ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)?) {
        self.waves = waves
        self.labels = labels
        self.count = labels.count
        self.exampleShape = [settings.maxFrames, settings.nMels]
        self.settings = settings
        self.pipeline = pipeline
        self.streamKeys = streamKeys
        self.seed = seed
        self.threads = threads
        self.spec = spec
    }

    func prepare(epoch: Int) throws {
        try settings.validate()
        let size = exampleShape.reduce(1, *)
        if inputs.count != count * size { inputs = [Float](repeating: 0, count: count * size) }
        validFrames = [Int](repeating: 0, count: count)
        let (seed, keys, pipeline, settings, waves) = (self.seed, streamKeys, self.pipeline, self.settings, self.waves)
        inputs.withUnsafeMutableBufferPointer { buf in
            validFrames.withUnsafeMutableBufferPointer { vf in
                nonisolated(unsafe) let buf = buf, vf = vf
                ItemWorkers.run(count: waves.count, workers: threads, makeState: { try? FeatureExtractor(settings: settings) }) { extractor, i in
                    var wave = waves[i]
                    pipeline.applyWave(&wave, sampleRate: settings.sampleRate) { stage in
                        RNG(seed: seed, stream: [StreamPurpose.waveAugment.rawValue, UInt64(epoch), UInt64(i), keys[stage]])
                    }
                    let f = extractor.modelInput(extractor.melDB(wave: wave))
                    f.copyPadded(into: buf.baseAddress! + i * size, maxFrames: settings.maxFrames)
                    vf[i] = min(f.frames, settings.maxFrames)
                }
            }
        }
    }

    func fill(_ indices: ArraySlice<Int>, epoch: Int?, into destination: UnsafeMutablePointer<Float>) {
        let size = exampleShape.reduce(1, *)
        inputs.withUnsafeBufferPointer { src in
            if spec == nil || epoch == nil {
                copyRows(indices, from: src.baseAddress!, size: size, into: destination)
                return
            }
            for (k, i) in indices.enumerated() {
                let dst = destination + k * size
                dst.update(from: src.baseAddress! + i * size, count: size)
                if let spec, let epoch { spec(dst, validFrames[i], epoch, i) }
            }
        }
    }
}
