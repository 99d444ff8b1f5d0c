/// Resamples the clip down to a rate drawn from a list and back to its own rate, as a recording made at
/// that rate and played back at the clip's rate would sound: nothing above the lower rate's Nyquist
/// survives, and the clip keeps its length and timing.
///
/// Both passes use a sharper `SincResampler` than pitch shifting does: 32 lobes with the cut-off at 0.92
/// of the lower Nyquist, so the transition band ends at Nyquist instead of straddling it and content just
/// above it is removed rather than folded back. A drawn rate at or above the clip's leaves it unchanged.
public struct ResampleThrough: WaveTransform {
    static let resampler = SincResampler(zeroCrossings: 32, rolloff: 0.92)

    /// The rates in Hz a call picks from (uniformly, by position: a repeated rate counts twice).
    public let rates: [Int]
    /// Probability that a call acts.
    public let probability: Double

    /// A rate drawn from `rates` (non-empty, each > 0), applied with probability `p`.
    public init(rates: [Int], p: Double = 1) throws {
        guard !rates.isEmpty else { throw AugmentError("resample: the list of rates is empty") }
        if let bad = rates.first(where: { $0 <= 0 }) {
            throw AugmentError("resample: rates must be > 0 Hz, got \(bad)")
        }
        try AugmentError.checkProbability(p, "resample")
        self.rates = rates
        self.probability = p
    }

    /// One call of `ResampleThrough`: two `next()` (gate, rate).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn intermediate rate in Hz.
        public let rate: Int
        /// A draw to replay.
        public init(applied: Bool, rate: Int) {
            self.applied = applied
            self.rate = rate
        }
        /// One-line summary for logs.
        public var description: String { applied ? "resample through \(rate) Hz" : "resample skipped" }
    }

    /// Draws the gate and the rate.
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let index = UniformDraw.integer(below: rates.count, &g)
        return Draw(applied: fire, rate: rates[index])
    }

    /// Down to the drawn rate and back (a no-op when it is not below the clip's rate).
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        guard draw.applied, draw.rate < sampleRate, samples.count > 1 else { return }
        let down = Double(sampleRate) / Double(draw.rate)
        // Enough low-rate samples that reading them back at j / down for j < count stays inside.
        let lowCount = Int((Double(samples.count) / down).rounded(.up))
        let low = Self.resampler.resample(samples, ratio: down, outputLength: lowCount)
        let up = Double(draw.rate) / Double(sampleRate)
        samples = Self.resampler.resample(low, ratio: up, outputLength: samples.count)
    }
}
