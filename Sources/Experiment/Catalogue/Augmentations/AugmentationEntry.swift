/// A training-time transform `augmentation[].type` can name.
public protocol AugmentationEntry: CatalogueEntry {
    /// The transform, applied with probability `p`; throws on settings the transform refuses.
    func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation
    /// Whether it transforms the waveform of one clip (only those can condition an evaluation set).
    var isWaveform: Bool { get }
}

extension AugmentationEntry {
    public var isWaveform: Bool { true }
}

/// Loads the audio of a noise folder (relative to `data.root`).
public typealias NoiseClips = (String) throws -> [[Float]]

extension Catalogues {
    /// The augmentations.
    public static var augmentations: Catalogue<any AugmentationEntry> {
        Catalogue(kind: "augmentation", plural: "augmentations", erase: { $0 },
                  [NoiseAugmentation.self, GainAugmentation.self, TimeShiftAugmentation.self,
                   PitchShiftAugmentation.self, SpecAugmentMasks.self, MixupAugmentation.self,
                   BandLimitAugmentation.self, ResampleAugmentation.self, ReverbAugmentation.self,
                   ColouredNoiseAugmentation.self])
    }
}
