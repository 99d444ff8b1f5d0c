import Augment

/// A low-pass at a cut-off drawn uniformly in Hz: equipment with a narrower band.
public struct BandLimitAugmentation: AugmentationEntry {
    /// Cut-off range in Hz.
    public var cutoffHz: ClosedRange<Double> = 3000...8000

    public static var about: EntryAbout<Self> {
        EntryAbout("band_limit", "Low-pass at a cut-off drawn uniformly in Hz (waveform).", Self(), [
            .range("cutoff_hz", \.cutoffHz, .greaterThan(0), allowSingle: true,
                   "a number is a fixed cut-off; at or above sample_rate / 2 the clip is unchanged"),
        ])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.wave(try BandLimit(minHz: cutoffHz.lowerBound, maxHz: cutoffHz.upperBound, p: p)))
    }
}
