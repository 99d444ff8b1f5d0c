import AudioFeatures
import Foundation

/// A dataset folder built in a temp directory for one test, removed by `remove()`.
struct TempDataset {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("soundlab-dataset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Writes `data` at `path` below the root, creating folders on the way.
    @discardableResult
    func write(_ path: String, _ data: Data) throws -> URL {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// Creates an empty folder at `path` below the root.
    func folder(_ path: String) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A mono 16-bit PCM RIFF/WAVE file of `frames` frames at `sampleRate`; `seed` varies the content so
/// two clips only hash alike when asked to.
func pcm16Wav(frames: Int, sampleRate: Int = 16_000, seed: Int = 0) -> Data {
    WAVWriter.pcm16Mono((0..<frames).map { i in Int16(truncatingIfNeeded: ((i * 37 + seed * 1_009) % 2_000) - 1_000) },
                        sampleRate: sampleRate)
}
