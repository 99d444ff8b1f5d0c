import Foundation

/// A crowd talking at once: four to eight synthetic talkers summed, each a source–filter voice.
///
/// A talker is a glottal pulse train (pitch 85–255 Hz wandering slowly, with the small period and amplitude
/// jitter of real voices, tilted −6 dB per octave) through a cascade of formant resonators whose frequencies
/// glide between vowel targets every 80–250 ms, scaled by the talker's vocal-tract length. Speech comes in
/// syllables (about four a second, some opened by a fricative) grouped into phrases separated by pauses; that
/// rhythm is what makes babble masking different from steady noise.
public enum BabbleNoise: NoiseSynthesizer {
    /// One talker of the crowd.
    public struct Voice: Sendable, Equatable {
        /// Mean pitch in Hz.
        public var pitch: Double
        /// Formant scale: 1 for an adult male vocal tract, up to about 1.2 for a shorter one.
        public var tract: Double
        /// Syllables per second.
        public var syllableRate: Double
        /// Level relative to the other talkers, in dB.
        public var levelDB: Double
    }

    /// What one babble clip is made of.
    public struct Parameters: Sendable, Equatable {
        /// The talkers.
        public var voices: [Voice]
    }

    /// Vowel formants F1–F4 of an adult male in Hz (Peterson & Barney's averages, F4 fixed), the targets a
    /// talker's formants glide between.
    static let vowels: [[Double]] = [
        [270, 2290, 3010, 3350], [390, 1990, 2550, 3350], [530, 1840, 2480, 3350], [660, 1720, 2410, 3350],
        [730, 1090, 2440, 3350], [570, 840, 2410, 3350], [440, 1020, 2240, 3350], [300, 870, 2240, 3350],
        [640, 1190, 2390, 3350], [490, 1350, 1690, 3350],
    ]
    /// Formant bandwidths in Hz.
    static let bandwidths: [Double] = [70, 90, 130, 180]

    public static func draw(sampleRate: Int, using g: inout some RandomNumberGenerator) -> Parameters {
        let n = UniformDraw.integer(in: 4...8, &g)
        return Parameters(voices: (0..<n).map { _ in
            let pitch = SynthDraw.logUniform(85, 255, &g)
            // Higher voices come with shorter vocal tracts, so their formants sit higher.
            let tract = 1 + 0.17 * log(pitch / 85) / log(3) + SynthDraw.uniform(-0.03, 0.03, &g)
            return Voice(pitch: pitch, tract: tract, syllableRate: SynthDraw.uniform(3, 5.5, &g),
                         levelDB: SynthDraw.uniform(-6, 6, &g))
        })
    }

    public static func render(_ p: Parameters, count: Int, sampleRate: Int,
                              using g: inout some RandomNumberGenerator) -> [Float] {
        var mix = [Double](repeating: 0, count: count)
        for voice in p.voices {
            let talk = talker(voice, count: count, sampleRate: sampleRate, using: &g)
            let r = SynthLevel.rmsOf(talk)
            guard r > 0 else { continue }
            let k = SynthDraw.amplitude(dB: voice.levelDB) / r
            for i in 0..<count { mix[i] += k * talk[i] }
        }
        return mix.map { Float($0) }
    }

    /// One talker's speech, unscaled.
    private static func talker(_ v: Voice, count: Int, sampleRate: Int,
                               using g: inout some RandomNumberGenerator) -> [Double] {
        let fs = Double(sampleRate)
        let hop = max(1, sampleRate / 1_000)  // control rate: pitch, formants and envelope targets per hop
        let glide = 1 - exp(-Double(hop) / (0.025 * fs))
        let formantCount = v.tract * vowels[0][3] < 0.45 * fs ? 4 : 3
        var pitchWander = Wander(timeConstant: 0.3, step: Double(hop) / fs, &g)
        var sourceTilt = OnePole(100, sampleRate: sampleRate)
        var radiation = Biquad.highPass(60, sampleRate: sampleRate)
        var resonators = [Resonator](repeating: Resonator(), count: formantCount)
        var formants = vowel(v, &g)
        var target = formants
        var vowelLeft = 0
        var syllable = BabbleSyllables(v, sampleRate: sampleRate, &g)

        var voiced = [Double](repeating: 0, count: count)
        var fricated = [Double](repeating: 0, count: count)
        var nextPulse = UniformDraw.unitDouble(&g) * fs / v.pitch
        var pending = 0.0
        var pitch = v.pitch
        for n in 0..<count {
            if n % hop == 0 {
                pitch = min(255, max(85, v.pitch * pow(2, 0.2 * pitchWander.next(&g))))
                if vowelLeft <= 0 {
                    target = vowel(v, &g)
                    vowelLeft = Int(SynthDraw.uniform(0.08, 0.25, &g) * fs)
                }
                vowelLeft -= hop
                for k in 0..<formantCount {
                    formants[k] += glide * (target[k] - formants[k])
                    resonators[k].tune(formants[k], bandwidth: bandwidths[k], sampleRate: sampleRate)
                }
            }
            // A glottal pulse lands between two samples: split it between this one and the next.
            var pulse = pending
            pending = 0
            if Double(n) >= nextPulse {
                let frac = Double(n) - nextPulse
                let shimmer = SynthDraw.logNormal(sigma: 0.05, &g)
                pulse += shimmer * (1 - frac)
                pending = shimmer * frac
                nextPulse += fs / pitch * (1 + 0.01 * DistributionDraw.standardNormal(&g))
            }
            var s = radiation(sourceTilt(pulse))
            for k in 0..<formantCount { s = resonators[k](s) }
            let (envelope, friction) = syllable.next(&g)
            voiced[n] = envelope * s
            fricated[n] = friction
        }
        // Fricatives sit well below the vowels, as in speech.
        let vr = SynthLevel.rmsOf(voiced), fr = SynthLevel.rmsOf(fricated)
        let k = vr > 0 && fr > 0 ? 0.3 * vr / fr : 0
        return (0..<count).map { voiced[$0] + k * fricated[$0] }
    }

    /// Formant targets of a random vowel for this talker, each nudged a little.
    private static func vowel(_ v: Voice, _ g: inout some RandomNumberGenerator) -> [Double] {
        let row = vowels[UniformDraw.integer(below: vowels.count, &g)]
        return row.map { $0 * v.tract * (1 + 0.04 * DistributionDraw.standardNormal(&g)) }
    }
}
