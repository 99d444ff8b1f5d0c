import Foundation

/// Shifts pitch by a number of semitones drawn uniformly, keeping the clip's length.
///
/// Method (time domain only): resample by r = 2^(s/12) with a windowed-sinc interpolator (anti-aliased
/// when shortening), which raises the pitch by s semitones and shortens the clip by r; then WSOLA
/// stretches it back to exactly the original length without moving the pitch again.
///
/// Quality: tonal calls (whistles, song, stridulation) come out clean — WSOLA aligns frames on waveform
/// similarity, so no phasiness. Artefacts to expect: a sharp transient may be doubled (stretching) or
/// dropped (compressing) because whole ~30 ms frames are repeated or skipped; dense polyphonic or noisy
/// textures roughen; formants move with the pitch (no formant preservation), as in a tape-speed change.
/// Content above the new Nyquist is removed when shifting up.
public struct PitchShift: WaveTransform {
    /// Semitone range (uniform in semitones).
    public let semitones: ClosedRange<Double>
    /// Probability that a call acts.
    public let probability: Double
    /// WSOLA frame length in seconds (rounded to an even number of samples, at least 64).
    public let frameSeconds: Double

    /// A shift drawn in [minSemitones, maxSemitones] (within ±24), applied with probability `p`; WSOLA
    /// frames of `frameSeconds`.
    public init(minSemitones: Double, maxSemitones: Double, p: Double = 1, frameSeconds: Double = 0.032) throws {
        try AugmentError.checkRange(minSemitones, maxSemitones, "pitch_shift")
        guard minSemitones >= -24, maxSemitones <= 24 else {
            throw AugmentError("pitch_shift: semitones must lie within [-24, 24], got [\(minSemitones), \(maxSemitones)]")
        }
        guard frameSeconds.isFinite, frameSeconds > 0 else {
            throw AugmentError("pitch_shift: frame length must be > 0 s, got \(frameSeconds)")
        }
        try AugmentError.checkProbability(p, "pitch_shift")
        self.semitones = minSemitones...maxSemitones
        self.probability = p
        self.frameSeconds = frameSeconds
    }

    /// One call of `PitchShift`: two `next()` (gate, semitones).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn shift in semitones.
        public let semitones: Double
        /// A draw to replay.
        public init(applied: Bool, semitones: Double) {
            self.applied = applied
            self.semitones = semitones
        }
        /// One-line summary for logs.
        public var description: String { applied ? "pitch \(semitones) st" : "pitch skipped" }
    }

    /// Draws the gate and the shift.
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let s = UniformDraw.double(in: semitones, &g)
        return Draw(applied: fire, semitones: s)
    }

    /// Resamples by 2^(s/12), then WSOLA back to the original length.
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        guard draw.applied, draw.semitones != 0, samples.count > 1 else { return }
        let ratio = pow(2, draw.semitones / 12)
        let length = samples.count
        let shortened = max(1, Int((Double(length) / ratio).rounded()))
        let resampled = SincResampler.resample(samples, ratio: ratio, outputLength: shortened)
        let frame = max(64, 2 * Int((frameSeconds * Double(sampleRate) / 2).rounded()))
        samples = WSOLA(frameLength: frame).stretch(resampled, to: length)
    }
}
