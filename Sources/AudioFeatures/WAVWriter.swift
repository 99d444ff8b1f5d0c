import AtomicIO
import Foundation

/// Writes mono 16-bit PCM RIFF/WAVE files, the format every decoder reads, so generated clips can go
/// wherever a recording would.
public enum WAVWriter {
    /// The bytes of a WAV holding `samples` at `sampleRate` Hz. A sample is scaled by 32768, rounded and
    /// clamped to Int16 (the inverse of how `AudioDecoder` reads 16-bit PCM, so a round trip moves no sample
    /// by more than half a step).
    public static func pcm16Mono(_ samples: [Float], sampleRate: Int) -> Data {
        pcm16Mono(samples.map { v -> Int16 in
            let s = (Double(v) * 32_768).rounded()
            return s.isNaN ? 0 : Int16(max(-32_768, min(32_767, s)))
        }, sampleRate: sampleRate)
    }

    /// The bytes of a WAV holding `samples` as they are.
    public static func pcm16Mono(_ samples: [Int16], sampleRate: Int) -> Data {
        precondition(AudioLimits.sampleRates.contains(sampleRate), "sample rate \(sampleRate) out of range")
        let dataBytes = samples.count * 2
        precondition(dataBytes <= Int(UInt32.max) - 36, "too many samples for one WAV file")
        var d = [UInt8]()
        d.reserveCapacity(44 + dataBytes)
        func tag(_ s: String) { d += Array(s.utf8) }
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { d += $0 } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { d += $0 } }
        tag("RIFF"); u32(36 + dataBytes); tag("WAVE")
        tag("fmt "); u32(16)
        u16(1); u16(1); u32(sampleRate); u32(sampleRate * 2); u16(2); u16(16)  // PCM, mono, 2-byte frames
        tag("data"); u32(dataBytes)
        for s in samples {
            let bits = UInt16(bitPattern: s)
            d.append(UInt8(truncatingIfNeeded: bits))
            d.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        return Data(d)
    }

    /// Writes `samples` as a WAV at `url` atomically (a reader sees the old file or the whole new one); a
    /// missing parent folder is an error unless `createFolder`.
    public static func write(_ samples: [Float], sampleRate: Int, to url: URL,
                             createFolder: Bool = false) throws(AtomicWriteError) {
        try AtomicFile.write(pcm16Mono(samples, sampleRate: sampleRate), to: url, createFolder: createFolder)
    }
}
