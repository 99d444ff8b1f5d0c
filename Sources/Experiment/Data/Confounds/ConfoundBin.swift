import Foundation

/// One bin of a recording property and how many Training clips of each class fall in it.
public struct ConfoundBin: Sendable, Equatable, Codable {
    /// The bin, e.g. "≤ 3.9 kHz" or "MP3 in WAV".
    public var label: String
    /// Clips per class, in label order.
    public var clips: [Int]

    public init(label: String, clips: [Int]) {
        self.label = label
        self.clips = clips
    }
}
