import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads any WAV soundlab supports into mono Float samples at the native rate.
public enum AudioDecoder {
    /// True for files the dataset loaders should pick up: a `.wav` extension in any letter case.
    public static func isAudioFile(_ url: URL) -> Bool {
        url.pathExtension.lowercased() == "wav"
    }

    /// Decode `url`; throws `AudioDecodeError` with a one-line reason on any bad input.
    public static func decode(_ url: URL) throws(AudioDecodeError) -> DecodedAudio {
        try decode(try read(url), path: url.path)
    }

    /// The bytes of the file at `url`, or a one-line reason. Only regular files are read: a FIFO named .wav
    /// would block the read forever, a device could be endless.
    public static func read(_ url: URL) throws(AudioDecodeError) -> Data {
        var st = stat()
        if stat(url.path, &st) == 0, let refusal = refusal(st) { throw AudioDecodeError(path: url.path, reason: refusal) }
        do { return try Data(contentsOf: url) } catch {
            throw AudioDecodeError(path: url.path, reason: "cannot read (\(readFailure(url)))")
        }
    }

    /// Why a file with this `stat` is not read (a directory; a FIFO, device or socket), nil for a regular file.
    static func refusal(_ st: stat) -> String? {
        switch st.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "cannot read (is a directory)"
        default: "cannot read (not a regular file)"
        }
    }

    /// Decode the bytes of a WAV file already in memory; `path` only names the file in errors.
    public static func decode(_ bytes: Data, path: String) throws(AudioDecodeError) -> DecodedAudio {
        let result: Result<DecodedAudio, WAVProblem> = bytes.withUnsafeBytes { raw in
            do throws(WAVProblem) {
                let layout = try WAVLayout.parse(raw)
                var samples: [Float]
                var channels = layout.channels
                var encoding = PCMDecoding.encodingName(layout)
                if layout.formatTag == WAVLayout.mpegLayer3 {
                    samples = try MP3Decoding.decode(raw, layout)
                } else if PCMDecoding.handles(layout) {
                    samples = PCMDecoding.decode(raw, layout)
                    if layout.formatTag == WAVLayout.float {
                        let finite = samples.withUnsafeBufferPointer { $0.allSatisfy { $0.isFinite } }
                        if !finite { throw WAVProblem("contains NaN or infinite samples") }
                    }
                } else {
                    (samples, channels, encoding) = try SndFileDecoding.decode(path: path, layout)
                }
                if samples.isEmpty { throw WAVProblem("no audio samples (0 frames)") }
                return .success(DecodedAudio(samples: samples, sampleRate: layout.sampleRate,
                                             channels: channels, encoding: encoding))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let audio): return audio
        case .failure(let problem): throw AudioDecodeError(path: path, reason: problem.reason)
        }
    }

    private static func readFailure(_ url: URL) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) { return "no such file" }
        return isDir.boolValue ? "is a directory" : "permission denied or I/O error"
    }
}
