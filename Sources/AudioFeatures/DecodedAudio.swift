import Foundation

/// A decoded clip: mono float samples at the file's native rate, plus what the file said about itself.
public struct DecodedAudio: Sendable {
    /// Mono samples (mean of the channels, in Float), at `sampleRate`.
    public var samples: [Float]
    /// Native sample rate in Hz.
    public var sampleRate: Int
    /// Channel count in the file before mixing to mono.
    public var channels: Int
    /// Human-readable encoding, e.g. "PCM 16-bit", "A-law", "MP3 in WAV".
    public var encoding: String

    /// Wraps already-decoded mono samples.
    public init(samples: [Float], sampleRate: Int, channels: Int, encoding: String) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.channels = channels
        self.encoding = encoding
    }

    /// Duration in seconds.
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }
}

/// Why a file could not be turned into audio; `description` is a one-line message naming the file.
public struct AudioDecodeError: Error, CustomStringConvertible, Sendable {
    /// The file as the caller named it.
    public var path: String
    /// Why it failed, e.g. "truncated data (...)".
    public var reason: String
    /// An error for `path` with a one-line `reason`.
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): \(reason)" }
}
