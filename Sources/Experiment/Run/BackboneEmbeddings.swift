import AtomicIO
import AudioFeatures
import Crypto
import Foundation
import ModelFormats
import TensorCore

/// Clips turned into a frozen backbone's pooled outputs, cached on disk: each clip is decoded, resampled to
/// 48 kHz with the front end's soxr HQ resampler, cut into windows, embedded and pooled. An entry is keyed by
/// the clip's content hash, the model file's SHA-256 and the settings, so any change to one of them misses.
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
    var exampleShape: [Int] { [config.outputSize] }

    /// The pooled outputs of `urls`, example-major.
    func embeddings(_ urls: [URL]) throws -> [Float] {
        let size = config.outputSize
        var out = [Float](repeating: 0, count: urls.count * size)
        var failures: [String] = []
        for (i, url) in urls.enumerated() {
            do {
                let e = try embedding(url)
                out.replaceSubrange(i * size..<(i + 1) * size, with: e)
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

    private func embedding(_ url: URL) throws -> [Float] {
        try cached(contentKey: try cache.contentHash(of: url)) { try wave(url) }
    }

    /// A clip decoded and resampled to the backbone's rate, as the backbone sees it.
    func wave(_ url: URL) throws -> [Float] {
        let audio = try AudioDecoder.decode(url)
        return Resampler.resample(audio.samples, from: audio.sampleRate, to: BirdNETBackbone.sampleRate)
    }

    /// The pooled outputs of waveforms at the backbone's rate (clips changed by evaluation-set transforms or
    /// noise), cached by a digest of their samples.
    func embeddings(waves: [[Float]]) throws -> [Float] {
        let size = config.outputSize
        var out = [Float](repeating: 0, count: waves.count * size)
        for (i, w) in waves.enumerated() {
            let digest = w.withUnsafeBytes { SHA256.hash(data: $0) }.map { String(format: "%02x", $0) }.joined()
            out.replaceSubrange(i * size..<(i + 1) * size, with: try cached(contentKey: "wave:" + digest) { w })
        }
        return out
    }

    private func cached(contentKey: String, wave: () throws -> [Float]) throws -> [Float] {
        let key = sha256([contentKey, modelSHA256, config.name.rawValue, config.output.rawValue,
                          config.pooling.rawValue, "48000 soxr_hq zero-padded windows v1"].joined(separator: "|"))
        let entry = directory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key + ".f32")
        let size = config.outputSize
        if let data = try? Data(contentsOf: entry), data.count == size * 4 {
            return data.withUnsafeBytes { raw in (0..<size).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) } }
        }
        let pooled = try pool(BirdNETBackbone.windows(of: try wave()))
        var data = Data(capacity: size * 4)
        for v in pooled { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        try AtomicFile.write(data, to: entry)
        return pooled
    }

    /// Embeds the windows 8 at a time (memory stays flat for long recordings) and pools them.
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
