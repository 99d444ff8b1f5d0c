/// Low-passes the clip at a cut-off drawn uniformly in Hz, as a microphone or codec with a narrower band
/// would record it.
///
/// The filter is a linear-phase Kaiser-windowed sinc (`KaiserLowPass`) with its −6 dB point at the cut-off
/// and a transition band 10 % of the cut-off wide centred there, applied zero-phase (centred taps, by FFT
/// convolution): the output has the clip's length and nothing moves in time. A cut-off at or above Nyquist
/// leaves the clip unchanged.
public struct BandLimit: WaveTransform {
    /// Width of the transition band as a fraction of the cut-off.
    static let transitionFraction = 0.1
    /// Designed stop-band attenuation: 5 dB above the 60 dB aimed for, since Kaiser's length formula is
    /// an approximation that can fall a little short.
    static let attenuationDB = 65.0

    /// Cut-off range in Hz (uniform in Hz).
    public let cutoffHz: ClosedRange<Double>
    /// Probability that a call acts.
    public let probability: Double

    /// A cut-off drawn in [minHz, maxHz] (equal bounds for a fixed one), applied with probability `p`.
    public init(minHz: Double, maxHz: Double, p: Double = 1) throws {
        try AugmentError.checkRange(minHz, maxHz, "band_limit cutoff")
        guard minHz > 0 else { throw AugmentError("band_limit: cut-off must be > 0 Hz, got \(minHz)") }
        try AugmentError.checkProbability(p, "band_limit")
        self.cutoffHz = minHz...maxHz
        self.probability = p
    }

    /// One call of `BandLimit`: two `next()` (gate, cut-off).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn cut-off in Hz.
        public let cutoffHz: Double
        /// A draw to replay.
        public init(applied: Bool, cutoffHz: Double) {
            self.applied = applied
            self.cutoffHz = cutoffHz
        }
        /// One-line summary for logs.
        public var description: String { applied ? "band limit \(cutoffHz) Hz" : "band limit skipped" }
    }

    /// Draws the gate and the cut-off.
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let hz = UniformDraw.double(in: cutoffHz, &g)
        return Draw(applied: fire, cutoffHz: hz)
    }

    /// Convolves with the centred low-pass taps for the drawn cut-off (a no-op at or above Nyquist).
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        let cutoff = draw.cutoffHz / Double(sampleRate)  // cycles per sample
        guard draw.applied, cutoff < 0.5, !samples.isEmpty else { return }
        let h = KaiserLowPass.taps(cutoff: cutoff, transition: Self.transitionFraction * cutoff,
                                   attenuationDB: Self.attenuationDB, maxHalfWidth: samples.count - 1)
        let half = h.count / 2
        let y = FFTConvolution.convolve(samples, h, offset: half, count: samples.count)
        for i in samples.indices { samples[i] = Float(y[i]) }
    }
}
