/// Shifts the clip in time by up to ± `maxSeconds`. The samples pushed past an end are dropped and the
/// vacated samples at the other end are zero (a roll whose wrapped part is zero-filled): wrapping the
/// tail of a call round to its start would splice two unrelated moments into one event.
public struct TimeShift: WaveTransform {
    /// Largest shift either way, in seconds.
    public let maxSeconds: Double
    /// Probability that a call acts.
    public let probability: Double

    /// A shift drawn uniformly in whole samples in [-maxSeconds, +maxSeconds], applied with probability `p`.
    public init(maxSeconds: Double, p: Double = 1) throws {
        guard maxSeconds.isFinite, maxSeconds >= 0 else {
            throw AugmentError("time_shift: max_seconds must be finite and >= 0, got \(maxSeconds)")
        }
        try AugmentError.checkProbability(p, "time_shift")
        self.maxSeconds = maxSeconds
        self.probability = p
    }

    /// One call of `TimeShift`: two `next()` (gate, shift).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// Shift in samples; positive moves content later.
        public let shift: Int
        /// A draw to replay.
        public init(applied: Bool, shift: Int) {
            self.applied = applied
            self.shift = shift
        }
        /// One-line summary for logs.
        public var description: String { applied ? "time shift \(shift) samples" : "time shift skipped" }
    }

    /// Draws the gate and an integer shift in [-round(maxSeconds·rate), +round(maxSeconds·rate)].
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let limit = Int((maxSeconds * Double(sampleRate)).rounded())
        let shift = UniformDraw.integer(in: -limit...limit, &g)
        return Draw(applied: fire, shift: shift)
    }

    /// Moves samples by `draw.shift`, zero-filling the vacated end.
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        guard draw.applied, draw.shift != 0 else { return }
        let n = samples.count
        let s = draw.shift
        var out = [Float](repeating: 0, count: n)
        if abs(s) < n {
            if s > 0 {
                for i in 0..<(n - s) { out[i + s] = samples[i] }
            } else {
                for i in (-s)..<n { out[i + s] = samples[i] }
            }
        }
        samples = out
    }
}
