import Foundation

/// How one decoded clip was recorded and stored, as the audit measured it. These properties say nothing about the
/// animal, so when one of them predicts the class a model can score well by learning the recording instead.
public struct RecordingProperties: Sendable, Equatable, Codable {
    /// Path relative to the dataset root.
    public var file: String
    /// Split folder name.
    public var split: String
    /// Class folder name.
    public var className: String
    /// Native sample rate in Hz.
    public var sampleRate: Int
    /// Channel count in the file.
    public var channels: Int
    /// Encoding, as the decoder names it.
    public var encoding: String
    /// Duration in seconds.
    public var seconds: Double
    /// Frequency in Hz below which 99 % of the clip's spectral energy lies, at its native rate (`BandwidthMeter`).
    public var bandwidthHz: Double

    public init(file: String, split: String, className: String, sampleRate: Int, channels: Int, encoding: String,
                seconds: Double, bandwidthHz: Double) {
        self.file = file
        self.split = split
        self.className = className
        self.sampleRate = sampleRate
        self.channels = channels
        self.encoding = encoding
        self.seconds = seconds
        self.bandwidthHz = bandwidthHz
    }
}
