import Augment

/// Background noise mixed into the waveform at a random SNR.
public struct NoiseAugmentation: AugmentationEntry {
    /// How the noise gain for a target SNR is computed (the Augment target owns the exact rule).
    public enum Mode: String, Sendable, CaseIterable {
        /// Plain RMS ratio of the whole clip to the whole noise segment.
        case naive
        /// Guards against near-silence: noise segments with RMS below `min_noise_rms` are never scaled up into hiss.
        case calibrated
    }

    /// Noise clips folder, relative to `data.root`.
    public var folder = DataConfig().noise
    /// SNR range in dB, drawn uniformly.
    public var snrDB: ClosedRange<Double> = 0...20
    /// Loudness rule.
    public var mode = Mode.naive
    /// RMS floor below which `calibrated` mode treats a noise segment as silence.
    public var minNoiseRMS = 1e-4

    public static var about: EntryAbout<Self> {
        EntryAbout("noise", "Background noise at an SNR drawn uniformly (waveform).", Self(), [
            .string("folder", \.folder, "relative to `data.root`; must exist", fallback: { $0.data.noise },
                    shownDefault: "data.noise"),
            .range("snr_db", \.snrDB, .between(-30, 100)),
            .choice("mode", \.mode, "`calibrated` does not scale near-silent noise up into hiss"),
            .number("min_noise_rms", \.minNoiseRMS, .greaterThan(0), "`calibrated`: RMS below which noise counts as silence"),
        ], check: { noise, r in
            r.context.checks.require(noise.folder, field: r.field("folder"), at: r.location(of: "folder"))
        })
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        let rule: BackgroundNoise.Mode = mode == .calibrated
            ? .calibrated(BackgroundNoise.Calibration(minNoiseRMS: minNoiseRMS)) : .naive
        return .stage(.wave(try BackgroundNoise(noises: try noise(folder), minSNR: snrDB.lowerBound,
                                                maxSNR: snrDB.upperBound, mode: rule, p: p)))
    }
}
