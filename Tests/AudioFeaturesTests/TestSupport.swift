import Foundation
import Testing

/// The repo's dataset, found from this file's location (tests read only what the repository ships).
let datasetRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Animals_Sounds")

/// Raw little-endian float32 fixture made by librosa 0.11.0 (see Fixtures/librosa/README.md).
func fixture(_ name: String) throws -> [Float] {
    let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let data = try Data(contentsOf: dir.appendingPathComponent("librosa/\(name).f32"))
    return data.withUnsafeBytes { raw in (0..<data.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) } }
}

/// Largest |a[i] - b[i]| over the common length.
func maxAbsError(_ a: [Float], _ b: [Float]) -> Float {
    var worst: Float = 0
    for i in 0..<min(a.count, b.count) { worst = max(worst, abs(a[i] - b[i])) }
    return worst
}

/// (rows × cols) row-major → (cols × rows) row-major.
func transpose(_ a: [Float], rows: Int, cols: Int) -> [Float] {
    var out = [Float](repeating: 0, count: a.count)
    for r in 0..<rows { for c in 0..<cols { out[c * rows + r] = a[r * cols + c] } }
    return out
}

/// A fresh temporary directory, removed by the caller with `cleanup`.
func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
