import Augment

/// Down to a rate drawn from a list and back: a recording made at that rate.
public struct ResampleAugmentation: AugmentationEntry {
    /// The rates in Hz a clip may pass through.
    public var rates = [8000, 11_025, 22_050]

    public static var about: EntryAbout<Self> {
        EntryAbout("resample", "Resampled down to a rate drawn from `rates` and back (waveform).", Self(), [
            .intList("rates", \.rates, .greaterThan(0),
                     "Hz, one drawn per clip; a rate at or above sample_rate leaves the clip unchanged"),
        ])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.wave(try ResampleThrough(rates: rates, p: p)))
    }
}
