import Augment

/// A pitch shift drawn uniformly in semitones, the duration kept.
public struct PitchShiftAugmentation: AugmentationEntry {
    /// Semitone range.
    public var semitones: ClosedRange<Double> = -2...2

    public static var about: EntryAbout<Self> {
        EntryAbout("pitch_shift", "Pitch shift drawn uniformly in semitones, duration kept (waveform).", Self(),
                   [.range("semitones", \.semitones, .between(-24, 24))])
    }

    public func build(p: Double, noise: NoiseClips) throws -> BuiltAugmentation {
        .stage(.wave(try PitchShift(minSemitones: semitones.lowerBound, maxSemitones: semitones.upperBound, p: p)))
    }
}
