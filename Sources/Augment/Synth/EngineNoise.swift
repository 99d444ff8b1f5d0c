import Foundation

/// Traffic and machinery: an engine's harmonic series over low rumble, swelling as vehicles pass.
///
/// The engine is a fundamental of 20–120 Hz (firing rate) that drifts slowly with load, and its harmonics up to
/// 2 kHz (64 at most) with amplitudes falling with order and varying harmonic to harmonic. The rumble (tyres, exhaust,
/// distant traffic) is brown noise low-passed at a few hundred hertz. Passing vehicles raise the level as a
/// source passing at distance d and speed v does: amplitude ∝ 1/√(d² + v²(t − t₀)²) on top of the steady
/// background.
public enum EngineNoise: NoiseSynthesizer {
    /// What one engine clip is made of.
    public struct Parameters: Sendable, Equatable {
        /// Mean fundamental in Hz.
        public var fundamental: Double
        /// Amplitudes of harmonics 1, 2, ... (relative to the fundamental's slope, before drift).
        public var harmonics: [Double]
        /// Low-pass corner of the rumble in Hz.
        public var rumbleCorner: Double
        /// Rumble RMS relative to the harmonic series' RMS.
        public var rumbleLevel: Double
        /// Vehicles passing per second.
        public var passRate: Double
    }

    public static func draw(sampleRate: Int, using g: inout some RandomNumberGenerator) -> Parameters {
        let f0 = SynthDraw.logUniform(20, 120, &g)
        let slope = SynthDraw.uniform(0.8, 1.6, &g)
        let top = min(2_000, 0.45 * Double(sampleRate))
        let count = min(64, max(1, Int(top / (f0 * 1.1))))  // room for the drift
        let harmonics = (1...count).map { h in pow(Double(h), -slope) * SynthDraw.logNormal(sigma: 0.5, &g) }
        return Parameters(fundamental: f0, harmonics: harmonics,
                          rumbleCorner: SynthDraw.logUniform(150, 600, &g),
                          rumbleLevel: SynthDraw.amplitude(dB: SynthDraw.uniform(-10, 3, &g)),
                          passRate: SynthDraw.logUniform(0.05, 0.5, &g))
    }

    public static func render(_ p: Parameters, count: Int, sampleRate: Int,
                              using g: inout some RandomNumberGenerator) -> [Float] {
        let fs = Double(sampleRate)
        let hop = max(1, sampleRate / 1_000)
        var drift = Wander(timeConstant: 2, step: Double(hop) / fs, &g)
        let phases = p.harmonics.map { _ in 2 * Double.pi * UniformDraw.unitDouble(&g) }
        var tonal = [Double](repeating: 0, count: count)
        var phase = 0.0, step = 0.0
        for n in 0..<count {
            if n % hop == 0 { step = 2 * Double.pi * p.fundamental * (1 + 0.04 * drift.next(&g)) / fs }
            phase += step
            if phase > 2 * Double.pi { phase -= 2 * Double.pi }
            var s = 0.0
            for (h, a) in p.harmonics.enumerated() { s += a * sin(Double(h + 1) * phase + phases[h]) }
            tonal[n] = s
        }

        var brown = OnePole(20, sampleRate: sampleRate)
        var lowPass = Biquad.lowPass(p.rumbleCorner, sampleRate: sampleRate)
        var subsonic = Biquad.highPass(20, sampleRate: sampleRate)  // what a microphone would not pick up
        var rumble = [Double](repeating: 0, count: count)
        for n in 0..<count { rumble[n] = subsonic(lowPass(brown(DistributionDraw.standardNormal(&g)))) }
        let tr = SynthLevel.rmsOf(tonal), rr = SynthLevel.rmsOf(rumble)
        let k = tr > 0 && rr > 0 ? p.rumbleLevel * tr / rr : 0

        let swell = passes(p.passRate, seconds: Double(count) / fs, &g)
        return (0..<count).map { n in Float(swell(Double(n) / fs) * (tonal[n] + k * rumble[n])) }
    }

    /// The level over time: a steady background plus vehicles passing at Poisson times (some before or after
    /// the clip, whose tails reach into it), each 0–10 dB above the background at its closest.
    private static func passes(_ rate: Double, seconds: Double,
                               _ g: inout some RandomNumberGenerator) -> (Double) -> Double {
        var vehicles: [(time: Double, power: Double, width: Double)] = []
        var t = -5 + SynthDraw.exponential(mean: 1 / rate, &g)
        while t < seconds + 5 {
            let distance = SynthDraw.uniform(5, 30, &g), speed = SynthDraw.uniform(8, 25, &g)
            vehicles.append((t, pow(10, SynthDraw.uniform(0, 10, &g) / 10), distance / speed))
            t += SynthDraw.exponential(mean: 1 / rate, &g)
        }
        return { time in
            var power = 1.0
            for v in vehicles {
                let x = (time - v.time) / v.width
                power += v.power / (1 + x * x)
            }
            return power.squareRoot()
        }
    }
}
