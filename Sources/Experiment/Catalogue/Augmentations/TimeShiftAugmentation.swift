import Augment

/// A circular shift by up to `maxSeconds` either way.
public struct TimeShiftAugmentation: AugmentationEntry {
    /// Largest shift in seconds.
    public var maxSeconds = 0.5

    public static var about: EntryAbout<Self> {
        EntryAbout("time_shift", "Circular shift by up to `max_seconds` either way (waveform).", Self(),
                   [.number("max_seconds", \.maxSeconds, .between(0, 60))])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.wave(try TimeShift(maxSeconds: maxSeconds, p: p)))
    }
}
