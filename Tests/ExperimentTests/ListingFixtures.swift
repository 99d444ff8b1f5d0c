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
    var d = Data()
    func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { d.append(contentsOf: $0) } }
    func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { d.append(contentsOf: $0) } }
    let dataBytes = frames * 2
    d.append(contentsOf: Array("RIFF".utf8)); u32(36 + dataBytes); d.append(contentsOf: Array("WAVE".utf8))
    d.append(contentsOf: Array("fmt ".utf8)); u32(16)
    u16(1); u16(1); u32(sampleRate); u32(sampleRate * 2); u16(2); u16(16)
    d.append(contentsOf: Array("data".utf8)); u32(dataBytes)
    for i in 0..<frames {
        let s = Int16(truncatingIfNeeded: ((i * 37 + seed * 1_009) % 2_000) - 1_000)
        withUnsafeBytes(of: s.littleEndian) { d.append(contentsOf: $0) }
    }
    return d
}
