import Foundation

/// Electrical hum: mains at 50 or 60 Hz and its harmonics, as ground loops, transformers and rectifiers leak
/// it into a recording, over a faint hiss.
///
/// Harmonic levels fall with order at a random slope and vary harmonic to harmonic; even harmonics get their
/// own offset (transformer magnetostriction puts energy at twice the mains, rectifiers at odd orders). The
/// mains frequency wanders a few hundredths of a hertz, as a power grid's does, and the level breathes a
/// little.
public enum HumNoise: NoiseSynthesizer {
    /// What one hum clip is made of.
    public struct Parameters: Sendable, Equatable {
        /// Mains frequency in Hz: 50 or 60.
        public var mains: Double
        /// Amplitudes of harmonics 1, 2, ...
        public var harmonics: [Double]
        /// Standard deviation of the mains frequency in Hz.
        public var jitter: Double
        /// White-noise RMS relative to the hum's RMS.
        public var hissLevel: Double
    }

    public static func draw(sampleRate: Int, using g: inout some RandomNumberGenerator) -> Parameters {
        let mains: Double = UniformDraw.bernoulli(0.5, &g) ? 50 : 60
        let slope = SynthDraw.uniform(6, 12, &g)  // dB per octave
        let evenOffset = SynthDraw.uniform(-12, 6, &g)
        let count = min(20, Int(0.45 * Double(sampleRate) / mains))
        let harmonics = (1...max(1, count)).map { h in
            let db = -slope * log2(Double(h)) + (h % 2 == 0 ? evenOffset : 0) + SynthDraw.uniform(-6, 6, &g)
            return SynthDraw.amplitude(dB: h == 1 ? 0 : db)
        }
        return Parameters(mains: mains, harmonics: harmonics, jitter: SynthDraw.uniform(0.01, 0.03, &g),
                          hissLevel: SynthDraw.amplitude(dB: SynthDraw.uniform(-40, -30, &g)))
    }

    public static func render(_ p: Parameters, count: Int, sampleRate: Int,
                              using g: inout some RandomNumberGenerator) -> [Float] {
        let fs = Double(sampleRate)
        let hop = max(1, sampleRate / 1_000)
        var grid = Wander(timeConstant: 2, step: Double(hop) / fs, &g)
        var breath = Wander(timeConstant: 0.5, step: Double(hop) / fs, &g)
        let phases = p.harmonics.map { _ in 2 * Double.pi * UniformDraw.unitDouble(&g) }
        var hum = [Double](repeating: 0, count: count)
        var phase = 0.0, step = 0.0, level = 1.0
        for n in 0..<count {
            if n % hop == 0 {
                step = 2 * Double.pi * (p.mains + p.jitter * grid.next(&g)) / fs
                level = 1 + 0.03 * breath.next(&g)
            }
            phase += step
            if phase > 2 * Double.pi { phase -= 2 * Double.pi }
            var s = 0.0
            for (h, a) in p.harmonics.enumerated() { s += a * sin(Double(h + 1) * phase + phases[h]) }
            hum[n] = level * s
        }
        let k = p.hissLevel * SynthLevel.rmsOf(hum)
        return (0..<count).map { Float(hum[$0] + k * DistributionDraw.standardNormal(&g)) }
    }
}
