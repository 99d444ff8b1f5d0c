import Foundation

/// Running water: band-passed turbulence that bubbles, plus the gurgle of bubbles ringing as they form.
///
/// The turbulence is white noise through two band-pass sections at a centre of 300 Hz–3 kHz (at most a fifth
/// of the sample rate, so the octave above the centre fits below Nyquist), its level modulated quickly and
/// randomly (log-normal, changing over tens of milliseconds). Each gurgle is a bubble's resonance (Minnaert), a
/// decaying sinusoid whose pitch rises as the bubble rises, drawn inside the same band at tens to a hundred and
/// fifty per second.
public enum StreamNoise: NoiseSynthesizer {
    /// What one stream clip is made of.
    public struct Parameters: Sendable, Equatable {
        /// Band centre in Hz.
        public var centre: Double
        /// Quality factor of each band-pass section.
        public var q: Double
        /// Bubbling: log-standard deviation of the turbulence's level.
        public var bubbling: Double
        /// Corner in Hz of the level fluctuations (how fast the water bubbles).
        public var bubblingCorner: Double
        /// Gurgles per second.
        public var gurgleRate: Double
        /// Gurgle RMS relative to the turbulence's RMS.
        public var gurgleLevel: Double

        /// The band the clip's energy is drawn in: an octave either side of the centre.
        public var band: ClosedRange<Double> { centre / 2...centre * 2 }
    }

    public static func draw(sampleRate: Int, using g: inout some RandomNumberGenerator) -> Parameters {
        Parameters(centre: SynthDraw.logUniform(300, min(3_000, 0.2 * Double(sampleRate)), &g),
                   q: SynthDraw.uniform(1, 2, &g),
                   bubbling: SynthDraw.uniform(0.4, 0.9, &g),
                   bubblingCorner: SynthDraw.uniform(15, 40, &g),
                   gurgleRate: SynthDraw.logUniform(20, 150, &g),
                   gurgleLevel: SynthDraw.amplitude(dB: SynthDraw.uniform(-6, 3, &g)))
    }

    public static func render(_ p: Parameters, count: Int, sampleRate: Int,
                              using g: inout some RandomNumberGenerator) -> [Float] {
        let fs = Double(sampleRate)
        var first = Biquad.bandPass(p.centre, q: p.q, sampleRate: sampleRate)
        var second = Biquad.bandPass(p.centre, q: p.q, sampleRate: sampleRate)
        var wobble = OnePole(p.bubblingCorner, sampleRate: sampleRate)
        // A one-pole low-pass of unit white noise has variance (1 − a)/(1 + a); rescale to unit variance.
        let a = exp(-2 * Double.pi * p.bubblingCorner / fs)
        let unit = ((1 + a) / (1 - a)).squareRoot()
        var water = [Double](repeating: 0, count: count)
        for n in 0..<count {
            let level = exp(p.bubbling * unit * wobble(DistributionDraw.standardNormal(&g)))
            water[n] = level * second(first(DistributionDraw.standardNormal(&g)))
        }

        var gurgles = [Double](repeating: 0, count: count)
        var t = -0.05 + SynthDraw.exponential(mean: 1 / p.gurgleRate, &g)
        while t < Double(count) / fs {
            let rise = SynthDraw.uniform(1.1, 1.5, &g)
            // Start low enough in the band that the rising pitch ends inside it.
            let f = SynthDraw.logUniform(p.centre * 0.6, p.centre * 1.8 / rise, &g)
            let tau = SynthDraw.uniform(0.003, 0.015, &g)
            chirp(&gurgles, at: t * fs, from: f / fs, rise: rise, tau: tau * fs,
                  amplitude: SynthDraw.logNormal(sigma: 0.5, &g))
            t += SynthDraw.exponential(mean: 1 / p.gurgleRate, &g)
        }
        let wr = SynthLevel.rmsOf(water), gr = SynthLevel.rmsOf(gurgles)
        let k = wr > 0 && gr > 0 ? p.gurgleLevel * wr / gr : 0
        return (0..<count).map { Float(water[$0] + k * gurgles[$0]) }
    }

    /// Adds a bubble: A·e^(−n/τ)·sin(φ(n)) whose frequency climbs linearly from `from` to `from·rise` (cycles per
    /// sample) over 5τ samples, starting at sample `start`; the onset ramps up over τ/4 so it does not click.
    private static func chirp(_ out: inout [Double], at start: Double, from f: Double, rise: Double, tau: Double,
                              amplitude: Double) {
        let length = 5 * tau
        let first = max(0, Int(start.rounded(.up)))
        let last = min(out.count, Int(start + length) + 1)
        guard first < last else { return }
        let attack = max(1, tau / 4)
        for n in first..<last {
            let x = Double(n) - start
            let phase = 2 * Double.pi * f * (x + (rise - 1) * x * x / (2 * length))
            out[n] += amplitude * min(1, x / attack) * exp(-x / tau) * sin(phase)
        }
    }
}
