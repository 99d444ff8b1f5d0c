import Foundation

/// Rain on a hard surface: a Poisson stream of droplet impacts over a soft pink floor.
///
/// Each impact is a click that rings: a damped sinusoid starting at a random phase (so its onset is abrupt),
/// centred between 1 and 10 kHz (at most 0.4 of the sample rate) and lasting a few cycles, as a drop's splash
/// and the small bubble it traps do. Impact levels are log-normal, as drop sizes and distances to the microphone
/// are, which makes the signal impulsive. The floor stands for the far, unresolved drops.
public enum RainNoise: NoiseSynthesizer {
    /// What one rain clip is made of.
    public struct Parameters: Sendable, Equatable {
        /// Mean impacts per second.
        public var rate: Double
        /// Lowest and highest impact centre frequency in Hz.
        public var band: ClosedRange<Double>
        /// Log-standard deviation of the impact amplitudes.
        public var levelSpread: Double
        /// RMS of the floor relative to the RMS of the impacts.
        public var floorLevel: Double
    }

    public static func draw(sampleRate: Int, using g: inout some RandomNumberGenerator) -> Parameters {
        let top = min(10_000, 0.4 * Double(sampleRate))
        return Parameters(rate: SynthDraw.logUniform(200, 2_000, &g),
                          band: 1_000...max(1_000, top),
                          levelSpread: SynthDraw.uniform(0.8, 1.2, &g),
                          floorLevel: SynthDraw.amplitude(dB: SynthDraw.uniform(-26, -14, &g)))
    }

    public static func render(_ p: Parameters, count: Int, sampleRate: Int,
                              using g: inout some RandomNumberGenerator) -> [Float] {
        let fs = Double(sampleRate)
        var drops = [Double](repeating: 0, count: count)
        // Start before the clip so it opens mid-shower rather than on the first drop.
        var t = -0.02 + SynthDraw.exponential(mean: 1 / p.rate, &g)
        while t < Double(count) / fs {
            let f = SynthDraw.logUniform(p.band.lowerBound, p.band.upperBound, &g)
            let tau = SynthDraw.uniform(2, 8, &g) / f  // a few cycles of ringing
            let amplitude = SynthDraw.logNormal(sigma: p.levelSpread, &g)
            let phase = 2 * Double.pi * UniformDraw.unitDouble(&g)
            ring(&drops, at: t * fs, frequency: f / fs, decay: 1 / (tau * fs), amplitude: amplitude, phase: phase)
            t += SynthDraw.exponential(mean: 1 / p.rate, &g)
        }
        let dropRMS = SynthLevel.rmsOf(drops)
        var pink = PinkFilter(sampleRate: sampleRate)
        var floor = [Double](repeating: 0, count: count)
        for i in 0..<count { floor[i] = pink(DistributionDraw.standardNormal(&g)) }
        let floorRMS = SynthLevel.rmsOf(floor)
        let k = floorRMS > 0 && dropRMS > 0 ? p.floorLevel * dropRMS / floorRMS : 0
        return (0..<count).map { Float(drops[$0] + k * floor[$0]) }
    }

    /// Adds A·e^(−decay·n)·sin(2π·frequency·n + phase) from sample `start` (fractional) until it has died
    /// away to a thousandth; `frequency` in cycles and `decay` in nepers per sample.
    private static func ring(_ out: inout [Double], at start: Double, frequency: Double, decay: Double,
                             amplitude: Double, phase: Double) {
        let first = max(0, Int(start.rounded(.up)))
        let last = min(out.count, Int(start + 7 / decay) + 1)
        guard first < last else { return }
        // Rotate a phasor rather than call sin and exp per sample.
        let lag = Double(first) - start
        var re = amplitude * exp(-decay * lag) * cos(2 * Double.pi * frequency * lag + phase)
        var im = amplitude * exp(-decay * lag) * sin(2 * Double.pi * frequency * lag + phase)
        let r = exp(-decay)
        let c = r * cos(2 * Double.pi * frequency), s = r * sin(2 * Double.pi * frequency)
        for n in first..<last {
            out[n] += im
            (re, im) = (re * c - im * s, re * s + im * c)
        }
    }
}
