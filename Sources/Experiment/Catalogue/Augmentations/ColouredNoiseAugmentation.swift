import Augment

/// Synthetic 1/f^α noise at a drawn SNR: white, pink, brown or between, with no noise folder needed.
public struct ColouredNoiseAugmentation: AugmentationEntry {
    /// Spectral exponent range α (0 white, 1 pink, 2 brown).
    public var exponent: ClosedRange<Double> = 0...2
    /// SNR range in dB, drawn uniformly.
    public var snrDB: ClosedRange<Double> = 0...20

    public static var about: EntryAbout<Self> {
        EntryAbout("coloured_noise", "Synthetic noise with power ∝ 1/f^α at an SNR drawn uniformly (waveform).", Self(), [
            .range("exponent", \.exponent, .between(-2, 2), "α: 0 white, 1 pink, 2 brown"),
            .range("snr_db", \.snrDB, .between(-30, 100), "against the clip's mean power, as `noise` in `naive` mode"),
        ])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.wave(try ColouredNoise(minExponent: exponent.lowerBound, maxExponent: exponent.upperBound,
                                       minSNR: snrDB.lowerBound, maxSNR: snrDB.upperBound, p: p)))
    }
}
