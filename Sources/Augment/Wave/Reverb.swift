import Foundation

/// A simple room: the clip plus a reverberant copy, convolved with a synthetic impulse response of
/// exponentially decaying Gaussian noise (the late reverb of a diffuse room, without early reflections).
///
/// The RT60 (time for the response to decay by 60 dB) is drawn uniformly in seconds, and the wet level
/// in dB relative to the dry path: the response has unit energy, so at 0 dB a white input gets a wet
/// path as loud as the dry one. The response is RT60 × 1.2 long (its envelope is then 72 dB down) but at
/// most 1.5 s, bounding the cost. Its noise is expanded from a seed drawn from the generator, so a call
/// is replayable. The mix is rescaled to the input's RMS: only the colouration changes, not the level.
/// The tail past the clip's end is dropped, keeping its length.
public struct Reverb: WaveTransform {
    /// Longest impulse response, in seconds.
    public static let maxResponseSeconds = 1.5

    /// RT60 range in seconds (uniform in seconds).
    public let rt60: ClosedRange<Double>
    /// Wet level range in dB relative to the dry path (uniform in dB).
    public let wetDB: ClosedRange<Double>
    /// Probability that a call acts.
    public let probability: Double

    /// An RT60 drawn in [minRT60, maxRT60] s (> 0) and a wet level in [minWetDB, maxWetDB], applied with
    /// probability `p`.
    public init(minRT60: Double, maxRT60: Double, minWetDB: Double, maxWetDB: Double, p: Double = 1) throws {
        try AugmentError.checkRange(minRT60, maxRT60, "reverb rt60")
        guard minRT60 > 0 else { throw AugmentError("reverb: rt60 must be > 0 s, got \(minRT60)") }
        try AugmentError.checkRange(minWetDB, maxWetDB, "reverb wet_db")
        try AugmentError.checkProbability(p, "reverb")
        self.rt60 = minRT60...maxRT60
        self.wetDB = minWetDB...maxWetDB
        self.probability = p
    }

    /// One call of `Reverb`: four `next()` (gate, RT60, wet level, noise seed).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn RT60 in seconds.
        public let rt60: Double
        /// The drawn wet level in dB relative to the dry path.
        public let wetDB: Double
        /// Seed of the impulse response's noise.
        public let seed: UInt64
        /// A draw to replay.
        public init(applied: Bool, rt60: Double, wetDB: Double, seed: UInt64) {
            self.applied = applied
            self.rt60 = rt60
            self.wetDB = wetDB
            self.seed = seed
        }
        /// One-line summary for logs.
        public var description: String { applied ? "reverb rt60 \(rt60) s, wet \(wetDB) dB" : "reverb skipped" }
    }

    /// Draws the gate, the RT60, the wet level and the noise seed.
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let t = UniformDraw.double(in: rt60, &g)
        let wet = UniformDraw.double(in: wetDB, &g)
        let seed = g.next()
        return Draw(applied: fire, rt60: t, wetDB: wet, seed: seed)
    }

    /// The drawn impulse response at `sampleRate`: Gaussian noise under an envelope falling 60 dB per RT60,
    /// min(RT60 × 1.2, 1.5 s) long (at least one sample), scaled to unit energy.
    public func impulseResponse(_ draw: Draw, sampleRate: Int) -> [Double] {
        let seconds = min(draw.rt60 * 1.2, Self.maxResponseSeconds)
        let length = max(1, Int((seconds * Double(sampleRate)).rounded()))
        var stream = NoiseStream(seed: draw.seed)
        var h = stream.gaussians(length)
        // Amplitude 10^(−3 t / RT60): −60 dB at t = RT60.
        let rate = 3 * log(10.0) / (draw.rt60 * Double(sampleRate))
        var energy = 0.0
        for i in h.indices {
            h[i] *= exp(-rate * Double(i))
            energy += h[i] * h[i]
        }
        let scale = energy > 0 ? 1 / energy.squareRoot() : 0
        for i in h.indices { h[i] *= scale }
        return h
    }

    /// Dry plus wet (the clip convolved with the response, at the drawn level), rescaled to the input's RMS.
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        guard draw.applied, !samples.isEmpty else { return }
        let inputPower = SignalPower.mean(samples)
        guard inputPower > 0 else { return }
        let wet = FFTConvolution.convolve(samples, impulseResponse(draw, sampleRate: sampleRate),
                                          offset: 0, count: samples.count)
        let k = SignalPower.pow10(draw.wetDB / 20)
        var mix = [Double](repeating: 0, count: samples.count)
        var power = 0.0
        for i in mix.indices {
            mix[i] = Double(samples[i]) + k * wet[i]
            power += mix[i] * mix[i]
        }
        power /= Double(mix.count)
        guard power > 0 else { return }
        let scale = (inputPower / power).squareRoot()
        for i in mix.indices { samples[i] = Float(mix[i] * scale) }
    }
}
