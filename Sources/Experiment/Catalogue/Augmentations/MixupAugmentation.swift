import Augment

/// Mixup of pairs within a batch with Beta(alpha, alpha) weights.
public struct MixupAugmentation: AugmentationEntry {
    /// Beta concentration.
    public var alpha = 0.2

    /// A spectrogram or batch transform, not a waveform one.
    public var isWaveform: Bool { false }

    public static var about: EntryAbout<Self> {
        EntryAbout("mixup", "Mixup of pairs within a batch, weights drawn from Beta(alpha, alpha) (batch).", Self(),
                   [.number("alpha", \.alpha, .openClosed(0, 100), "small values keep most weights near 0 or 1")])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation { .batch(try Mixup(alpha: alpha, p: p)) }
}
