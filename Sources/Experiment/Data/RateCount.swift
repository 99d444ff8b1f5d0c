import Foundation

/// One bar of a class's sample-rate histogram.
public struct RateCount: Sendable, Equatable, Codable {
    /// Native sample rate in Hz.
    public var hz: Int
    /// Decoded clips at that rate.
    public var clips: Int

    public init(hz: Int, clips: Int) {
        self.hz = hz
        self.clips = clips
    }
}
