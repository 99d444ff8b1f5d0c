import Augment

/// SpecAugment frequency and time masks on the log-mel spectrogram.
public struct SpecAugmentMasks: AugmentationEntry {
    /// Number of frequency masks.
    public var freqMasks = 2
    /// Largest frequency mask, in mel bands.
    public var freqWidth = 15
    /// Number of time masks.
    public var timeMasks = 2
    /// Largest time mask, in frames.
    public var timeWidth = 40

    /// A spectrogram or batch transform, not a waveform one.
    public var isWaveform: Bool { false }

    public static var about: EntryAbout<Self> {
        EntryAbout("spec_augment", "SpecAugment frequency and time masks (spectrogram).", Self(), [
            .int("freq_masks", \.freqMasks, .between(0, 100)),
            .int("freq_width", \.freqWidth, .between(0, 10_000), "mel bands"),
            .int("time_masks", \.timeMasks, .between(0, 100)),
            .int("time_width", \.timeWidth, .between(0, 10_000), "frames"),
        ])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.spec(try SpecAugment(freqMasks: freqMasks, freqWidth: freqWidth, timeMasks: timeMasks,
                                     timeWidth: timeWidth, p: p)))
    }
}
