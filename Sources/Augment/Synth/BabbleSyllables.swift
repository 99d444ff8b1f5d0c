import Foundation

/// A talker's rhythm: syllables (a sin² swell of random peak and length), phrases of one to four seconds, and
/// pauses between them; some syllables open with a fricative, a short burst of band-passed hiss.
struct BabbleSyllables {
    private let fs: Double
    private let rate: Double
    private let sampleRate: Int
    private var position = 0, length = 1, peak = 0.0
    private var phraseLeft = 0, pauseLeft = 0
    private var fricativeLeft = 0, fricativeLength = 1
    private var hiss: Biquad

    init(_ v: BabbleNoise.Voice, sampleRate: Int, _ g: inout some RandomNumberGenerator) {
        fs = Double(sampleRate)
        rate = v.syllableRate
        self.sampleRate = sampleRate
        hiss = Biquad.bandPass(4_000, q: 2, sampleRate: sampleRate)
        // Join the conversation at a random point of a phrase or a pause.
        if UniformDraw.bernoulli(0.2, &g) {
            pauseLeft = Int(SynthDraw.uniform(0, 1, &g) * fs)
        } else {
            phraseLeft = Int(SynthDraw.uniform(0, 4, &g) * fs)
        }
        startSyllable(&g)
        position = UniformDraw.integer(below: length, &g)
    }

    /// The voicing envelope and the fricative sample for the next sample.
    mutating func next(_ g: inout some RandomNumberGenerator) -> (envelope: Double, friction: Double) {
        if pauseLeft > 0 {
            pauseLeft -= 1
            if pauseLeft == 0 { phraseLeft = Int(SynthDraw.uniform(1, 4, &g) * fs) }
            return (0, 0)
        }
        if position >= length {
            if phraseLeft <= 0 {
                pauseLeft = Int(SynthDraw.uniform(0.15, 1.0, &g) * fs)
                startSyllable(&g)
                return (0, 0)
            }
            startSyllable(&g)
        }
        let u = Double(position) / Double(length)
        let s = sin(Double.pi * u)
        position += 1
        phraseLeft -= 1
        var friction = 0.0
        if fricativeLeft > 0 {
            let w = sin(Double.pi * Double(fricativeLeft) / Double(fricativeLength))
            friction = w * hiss(DistributionDraw.standardNormal(&g))
            fricativeLeft -= 1
        }
        return (peak * s * s, friction)
    }

    private mutating func startSyllable(_ g: inout some RandomNumberGenerator) {
        position = 0
        length = max(1, Int(SynthDraw.uniform(0.6, 1.4, &g) / rate * fs))
        peak = SynthDraw.uniform(0.4, 1, &g)
        if UniformDraw.bernoulli(0.35, &g) {
            fricativeLength = max(1, Int(SynthDraw.uniform(0.04, 0.12, &g) * fs))
            fricativeLeft = fricativeLength
            let centre = min(SynthDraw.uniform(2_500, 5_500, &g), 0.4 * fs)
            hiss = Biquad.bandPass(centre, q: 2, sampleRate: sampleRate)
        }
    }
}
