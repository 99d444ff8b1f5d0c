import Foundation

/// A mono 16-bit PCM WAV of one sine: `hz` at `sampleRate` for `seconds`, peak `amplitude` (0...1).
func sineWav(hz: Double, sampleRate: Int, seconds: Double = 1, amplitude: Double = 0.5) -> Data {
    let frames = Int((seconds * Double(sampleRate)).rounded())
    var d = Data()
    func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { d.append(contentsOf: $0) } }
    func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { d.append(contentsOf: $0) } }
    d.append(contentsOf: Array("RIFF".utf8)); u32(36 + 2 * frames); d.append(contentsOf: Array("WAVE".utf8))
    d.append(contentsOf: Array("fmt ".utf8)); u32(16)
    u16(1); u16(1); u32(sampleRate); u32(sampleRate * 2); u16(2); u16(16)
    d.append(contentsOf: Array("data".utf8)); u32(2 * frames)
    for i in 0..<frames {
        let v = amplitude * sin(2 * Double.pi * hz * Double(i) / Double(sampleRate))
        withUnsafeBytes(of: Int16((v * 32_767).rounded()).littleEndian) { d.append(contentsOf: $0) }
    }
    return d
}
