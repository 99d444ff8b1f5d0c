import Foundation

/// Builds small WAV files for tests: a RIFF header with one fmt chunk (its 16 bytes, then `fmtExtension`), any
/// `chunksBeforeData` (a `fact` chunk, say), and one data chunk.
func wavBytes(formatTag: UInt16, channels: Int, sampleRate: Int, bitsPerSample: Int, payload: [UInt8],
              declaredDataSize: Int? = nil, blockAlign: Int? = nil, fmtExtension: [UInt8] = [],
              chunksBeforeData: [(String, [UInt8])] = []) -> Data {
    let blockAlign = blockAlign ?? channels * bitsPerSample / 8
    var fmt = le(formatTag) + le(UInt16(truncatingIfNeeded: channels)) + le(UInt32(truncatingIfNeeded: sampleRate))
    fmt += le(UInt32(truncatingIfNeeded: sampleRate * blockAlign))
    fmt += le(UInt16(truncatingIfNeeded: blockAlign)) + le(UInt16(bitsPerSample)) + fmtExtension
    var chunks: [UInt8] = Array("fmt ".utf8) + le(UInt32(fmt.count)) + fmt
    for (id, body) in chunksBeforeData {
        chunks += Array(id.utf8) + le(UInt32(body.count)) + body + (body.count % 2 == 1 ? [0] : [])
    }
    let dataSize = declaredDataSize ?? payload.count
    chunks += Array("data".utf8) + le(UInt32(truncatingIfNeeded: dataSize)) + payload
    return Data(Array("RIFF".utf8) + le(UInt32(truncatingIfNeeded: 4 + chunks.count)) + Array("WAVE".utf8) + chunks)
}

/// `v` as little-endian bytes.
func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }

/// Float samples as little-endian float32 bytes.
func float32Payload(_ samples: [Float]) -> [UInt8] {
    samples.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
}

/// Int16 samples as little-endian bytes.
func int16Payload(_ samples: [Int16]) -> [UInt8] {
    samples.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
}

/// `count` silent MPEG-1 Layer III frames, mono, 128 kbit/s at 44100 Hz: a 4-byte header, then zeros (empty
/// side information, so each frame decodes to 1152 zero samples). 417 bytes each.
func silentMP3Frames(_ count: Int) -> [UInt8] {
    let frame: [UInt8] = [0xFF, 0xFB, 0x90, 0xC0] + [UInt8](repeating: 0, count: 413)
    return Array([[UInt8]](repeating: frame, count: count).joined())
}
