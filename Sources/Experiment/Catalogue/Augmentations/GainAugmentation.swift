import Augment

/// A gain drawn uniformly in dB.
public struct GainAugmentation: AugmentationEntry {
    /// Gain range in dB.
    public var db: ClosedRange<Double> = -6...6

    public static var about: EntryAbout<Self> {
        EntryAbout("gain", "Gain drawn uniformly in dB (waveform).", Self(), [.range("db", \.db, .between(-60, 60))])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.wave(try Gain(minDB: db.lowerBound, maxDB: db.upperBound, p: p)))
    }
}
