import Foundation

/// Adds synthetic noise whose power spectrum falls as 1/f^α, α drawn uniformly (0 white, 1 pink, 2 brown),
/// at a signal-to-noise ratio drawn uniformly in dB.
///
/// The noise is white Gaussian noise (expanded from a seed drawn from the generator, so a call is
/// replayable) shaped in the frequency domain: bin f is scaled by max(f, `cornerHz`)^(−α/2) and DC is
/// removed. The corner keeps brown noise's power from piling up in the lowest bins, where it would be
/// inaudible, would depend on the clip's length, and would make the SNR say little about what is heard.
/// The SNR follows `BackgroundNoise`'s naive rule: 10·log10(P_clip / P_noise) equals the drawn SNR,
/// with P_clip the clip's mean power over all its samples and P_noise the added noise's; a silent clip
/// gets no noise.
public struct ColouredNoise: WaveTransform {
    /// Below this frequency the noise spectrum is flat.
    public static let cornerHz = 20.0

    /// Spectral exponent range α (uniform).
    public let exponent: ClosedRange<Double>
    /// SNR range in dB.
    public let snrDB: ClosedRange<Double>
    /// Probability that a call acts.
    public let probability: Double

    /// Noise with α drawn in [minExponent, maxExponent] at an SNR drawn in [minSNR, maxSNR] dB, applied
    /// with probability `p`.
    public init(minExponent: Double, maxExponent: Double, minSNR: Double, maxSNR: Double, p: Double = 1) throws {
        try AugmentError.checkRange(minExponent, maxExponent, "coloured_noise exponent")
        try AugmentError.checkRange(minSNR, maxSNR, "coloured_noise snr")
        try AugmentError.checkProbability(p, "coloured_noise")
        self.exponent = minExponent...maxExponent
        self.snrDB = minSNR...maxSNR
        self.probability = p
    }

    /// One call of `ColouredNoise`: four `next()` (gate, exponent, SNR, noise seed).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn spectral exponent α.
        public let exponent: Double
        /// The drawn SNR in dB.
        public let snrDB: Double
        /// Seed of the noise.
        public let seed: UInt64
        /// A draw to replay.
        public init(applied: Bool, exponent: Double, snrDB: Double, seed: UInt64) {
            self.applied = applied
            self.exponent = exponent
            self.snrDB = snrDB
            self.seed = seed
        }
        /// One-line summary for logs.
        public var description: String {
            applied ? "coloured noise 1/f^\(exponent) at \(snrDB) dB" : "coloured noise skipped"
        }
    }

    /// Draws the gate, the exponent, the SNR and the noise seed.
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let alpha = UniformDraw.double(in: exponent, &g)
        let snr = UniformDraw.double(in: snrDB, &g)
        let seed = g.next()
        return Draw(applied: fire, exponent: alpha, snrDB: snr, seed: seed)
    }

    /// The drawn noise for a clip of `count` samples at `sampleRate`, before it is scaled to the SNR: the
    /// first `count` samples of a shaped power-of-two-long noise.
    public func noise(_ draw: Draw, count: Int, sampleRate: Int) -> [Double] {
        guard count > 0 else { return [] }
        let buffer = FFTBuffer(size: FFTBuffer.size(atLeast: count))
        let n = buffer.size
        var stream = NoiseStream(seed: draw.seed)
        for i in 0..<n { buffer.time[i] = DistributionDraw.standardNormal(&stream) }
        buffer.forward()
        let bins = buffer.bins
        bins[0] = 0
        bins[1] = 0
        let binHz = Double(sampleRate) / Double(n)
        let power = -draw.exponent / 2
        for k in 1...(n / 2) {
            let s = pow(max(Double(k) * binHz, Self.cornerHz), power)
            bins[2 * k] *= s
            bins[2 * k + 1] *= s
        }
        buffer.inverse()
        return (0..<count).map { buffer.time[$0] }
    }

    /// Adds the drawn noise, scaled so the clip's mean power is the drawn SNR above the noise's.
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        guard draw.applied, !samples.isEmpty else { return }
        let reference = SignalPower.mean(samples)
        guard reference > 0 else { return }
        let noise = noise(draw, count: samples.count, sampleRate: sampleRate)
        let noisePower = noise.reduce(0) { $0 + $1 * $1 } / Double(noise.count)
        guard noisePower > 0 else { return }
        let gain = (reference / (noisePower * SignalPower.pow10(draw.snrDB / 10))).squareRoot()
        for i in samples.indices { samples[i] += Float(gain * noise[i]) }
    }
}
