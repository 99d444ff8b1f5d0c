import Foundation

/// Builds small WAV files for tests: a RIFF header with one fmt and one data chunk.
func wavBytes(formatTag: UInt16, channels: Int, sampleRate: Int, bitsPerSample: Int, payload: [UInt8],
              declaredDataSize: Int? = nil) -> Data {
    func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    let blockAlign = channels * bitsPerSample / 8
    var fmt = le(formatTag) + le(UInt16(channels)) + le(UInt32(sampleRate)) + le(UInt32(sampleRate * blockAlign))
    fmt += le(UInt16(blockAlign)) + le(UInt16(bitsPerSample))
    let dataSize = declaredDataSize ?? payload.count
    var bytes = Array("RIFF".utf8) + le(UInt32(4 + 8 + fmt.count + 8 + dataSize)) + Array("WAVE".utf8)
    bytes += Array("fmt ".utf8) + le(UInt32(fmt.count)) + fmt
    bytes += Array("data".utf8) + le(UInt32(dataSize)) + payload
    return Data(bytes)
}

/// Float samples as little-endian float32 bytes.
func float32Payload(_ samples: [Float]) -> [UInt8] {
    samples.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
}

/// Int16 samples as little-endian bytes.
func int16Payload(_ samples: [Int16]) -> [UInt8] {
    samples.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
}
