import CSndFile
import Foundation

/// Reads any WAV soundlab supports into mono Float samples at the native rate.
public enum AudioDecoder {
    /// Decode `url`; throws `AudioDecodeError` with a one-line reason on any bad input.
    public static func decode(_ url: URL) throws -> DecodedAudio {
        var info = SF_INFO()
        guard let handle = sf_open(url.path, Int32(SFM_READ), &info) else {
            let msg = String(cString: sf_strerror(nil))
            throw AudioDecodeError(path: url.path, reason: msg)
        }
        defer { sf_close(handle) }
        let channels = Int(info.channels)
        let frames = Int(info.frames)
        var interleaved = [Float](repeating: 0, count: frames * channels)
        let read = interleaved.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, sf_count_t(frames)) }
        let n = Int(read)
        var mono = [Float](repeating: 0, count: n)
        if channels == 1 {
            mono.withUnsafeMutableBufferPointer { dst in
                interleaved.withUnsafeBufferPointer { src in for i in 0..<n { dst[i] = src[i] } }
            }
        } else {
            let inv = Float(channels)
            for i in 0..<n {
                var s: Float = 0
                for c in 0..<channels { s += interleaved[i * channels + c] }
                mono[i] = s / inv
            }
        }
        return DecodedAudio(samples: mono, sampleRate: Int(info.samplerate), channels: channels,
                            encoding: String(format: "0x%06x", Int(info.format)))
    }
}
