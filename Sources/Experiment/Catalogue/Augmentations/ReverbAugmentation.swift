import Augment

/// A synthetic room: decaying-noise reverb at a drawn RT60 and wet level, the level kept.
public struct ReverbAugmentation: AugmentationEntry {
    /// RT60 range in seconds.
    public var rt60: ClosedRange<Double> = 0.2...0.8
    /// Wet level range in dB relative to the dry path.
    public var wetDB: ClosedRange<Double> = -12...(-3)

    public static var about: EntryAbout<Self> {
        EntryAbout("reverb", "Synthetic room reverb, RT60 and wet level drawn uniformly, RMS kept (waveform).", Self(), [
            .range("rt60", \.rt60, .openClosed(0, 5), "seconds; the impulse response is cut at 1.5 s"),
            .range("wet_db", \.wetDB, .between(-60, 20), "reverberant path relative to the dry one"),
        ])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.wave(try Reverb(minRT60: rt60.lowerBound, maxRT60: rt60.upperBound,
                                minWetDB: wetDB.lowerBound, maxWetDB: wetDB.upperBound, p: p)))
    }
}
