import AtomicIO
import AudioFeatures
import Crypto
import Foundation
import ModelFormats
import TensorCore

/// Clips turned into what a backbone's head trains on, cached on disk: each clip is decoded, resampled to 48 kHz
/// with the front end's soxr HQ resampler, cut into windows and run through the frozen part of the model. Pooled
/// (a frozen backbone with mean or max pooling), an entry is the clip's pooled output; otherwise it is every
/// window's value of the tensor the trained part starts from, and examples are sequences of windows. An entry is
/// keyed by the clip's content hash, the model file's SHA-256 and the settings, so any change to one of them misses.
struct BackboneEmbeddings {
    let config: BackboneConfig
    let directory: URL
    private let backbone: BirdNETBackbone
    private let cache: FeatureCache

    init(_ config: BackboneConfig, directory: URL, cache: FeatureCache) throws {
        self.config = config
        self.directory = directory
        self.cache = cache
        backbone = try BirdNETBackbone.load(URL(fileURLWithPath: config.file))
    }

    var modelSHA256: String { backbone.model.sha256 }
    var exampleShape: [Int] { config.exampleShape }

    /// One cached entry per clip of `urls`: a pooled output, or a clip's windows one after another.
    func entries(_ urls: [URL]) throws -> [[Float]] {
        var out: [[Float]] = []
        var failures: [String] = []
        for url in urls {
            do {
                out.append(try cached(contentKey: try cache.contentHash(of: url)) { try wave(url) })
            } catch {
                failures.append("\(url.path): \(error)")
            }
        }
        cache.saveHashMemo()
        guard failures.isEmpty else {
            throw DataError("\(failures.count) clip(s) cannot be embedded by \(config.name.rawValue):\n" + failures.joined(separator: "\n"))
        }
        return out
    }

    /// The same for waveforms at the backbone's rate (clips changed by evaluation-set transforms, noise or
    /// augmentation), cached by a digest of their samples.
    func entries(waves: [[Float]]) throws -> [[Float]] {
        try waves.map { w in
            let digest = w.withUnsafeBytes { SHA256.hash(data: $0) }.map { String(format: "%02x", $0) }.joined()
            return try cached(contentKey: "wave:" + digest) { w }
        }
    }

    /// The entry of a wave computed only on a cache miss, keyed by `recipe`: everything the wave is made from (a
    /// clip's content hash, the transforms and their draws), so a warm cache skips making it.
    func entry(recipe: String, wave: () throws -> [Float]) throws -> [Float] {
        try cached(contentKey: "recipe:" + sha256(recipe), wave: wave)
    }

    /// The content hash of a file, as the feature cache keys it.
    func contentHash(of url: URL) throws -> String { try cache.contentHash(of: url) }

    /// Examples of `urls` as the model takes them, with their shape.
    func examples(_ urls: [URL]) throws -> (values: [Float], shape: [Int]) { examples(of: try entries(urls)) }

    /// Examples of waveforms at the backbone's rate.
    func examples(waves: [[Float]]) throws -> (values: [Float], shape: [Int]) { examples(of: try entries(waves: waves)) }

    /// Entries as examples: pooled ones as they are; windows padded to `windows` (default: the most any entry has)
    /// with a last column of 1 on real windows and 0 on padding, which the model's window pooling reads.
    func examples(of entries: [[Float]], windows: Int? = nil) -> (values: [Float], shape: [Int]) {
        guard config.isSequence else { return (entries.flatMap { $0 }, [config.outputSize]) }
        let d = config.windowSize
        let t = windows ?? maxWindows(entries)
        var values = [Float](repeating: 0, count: entries.count * t * (d + 1))
        for (i, e) in entries.enumerated() {
            for w in 0..<(e.count / d) {
                let row = (i * t + w) * (d + 1)
                values.replaceSubrange(row..<(row + d), with: e[(w * d)..<((w + 1) * d)])
                values[row + d] = 1
            }
        }
        return (values, [t, d + 1])
    }

    /// The most windows any entry has (1 for pooled entries).
    func maxWindows(_ entries: [[Float]]) -> Int {
        config.isSequence ? max(1, entries.map { $0.count / config.windowSize }.max() ?? 1) : 1
    }

    /// A clip decoded and resampled to the backbone's rate, as the backbone sees it.
    func wave(_ url: URL) throws -> [Float] {
        let audio = try AudioDecoder.decode(url)
        return Resampler.resample(audio.samples, from: audio.sampleRate, to: BirdNETBackbone.sampleRate)
    }

    /// The tensor whose per-window values are cached: the pooled output's, or the first trainable block's input.
    private var fetchedTensor: String {
        if config.trainableBlocks > 0 { return BirdNETBackbone.blockInputs[config.trainableBlocks - 1] }
        return config.output == .embedding ? BirdNETBackbone.embeddingTensor : backbone.model.outputs[0].name
    }

    private func cached(contentKey: String, wave: () throws -> [Float]) throws -> [Float] {
        let windowing = config.hasDefaultWindows ? "" : "|window \(config.windowLength) hop \(config.hopLength)"
        let parts = config.isSequence
            ? [contentKey, modelSHA256, config.name.rawValue, fetchedTensor, "48000 soxr_hq zero-padded windows sequence v1" + windowing]
            : [contentKey, modelSHA256, config.name.rawValue, config.output.rawValue, config.pooling.rawValue,
               "48000 soxr_hq zero-padded windows v1" + windowing]
        let key = sha256(parts.joined(separator: "|"))
        let entry = directory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key + ".f32")
        let unit = config.isSequence ? config.windowSize : config.outputSize
        if let data = try? Data(contentsOf: entry), data.count >= unit * 4, data.count % (unit * 4) == 0 {
            return data.withUnsafeBytes { raw in
                (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
        }
        let windows = try BirdNETBackbone.windows(of: try wave(), length: config.windowLength, hop: config.hopLength)
        let values = config.isSequence ? try perWindow(windows) : try pool(windows)
        var data = Data(capacity: values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        try AtomicFile.write(data, to: entry)
        return values
    }

    /// The fetched tensor's values for every window, 8 windows a run (memory stays flat for long recordings).
    private func perWindow(_ windows: [[Float]]) throws -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(windows.count * config.windowSize)
        for start in stride(from: 0, to: windows.count, by: 8) {
            let part = Array(windows[start..<min(start + 8, windows.count)])
            let batch = Tensor(shape: [part.count, BirdNETBackbone.windowLength], data: part.flatMap { $0 })
            out += try backbone.model.run([batch], fetching: [fetchedTensor])[0].scalars
        }
        return out
    }

    /// Embeds the windows 8 at a time and pools them.
    private func pool(_ windows: [[Float]]) throws -> [Float] {
        let size = config.outputSize
        var pooled = [Float](repeating: config.pooling == .max ? -.infinity : 0, count: size)
        for start in stride(from: 0, to: windows.count, by: 8) {
            let out = try backbone.run(windows: Array(windows[start..<min(start + 8, windows.count)]))
            let e = (config.output == .embedding ? out.embeddings : out.scores).scalars
            for w in 0..<(e.count / size) {
                for j in 0..<size {
                    let v = e[w * size + j]
                    pooled[j] = config.pooling == .max ? max(pooled[j], v) : pooled[j] + v
                }
            }
        }
        if config.pooling == .mean { for j in 0..<size { pooled[j] /= Float(windows.count) } }
        return pooled
    }
}
