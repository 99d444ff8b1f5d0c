import Augment
import Foundation
import Testing

private let rate = 16_000
/// 4.1 s at 16 kHz: a power of two, so the whole clip goes through one FFT with 0.24 Hz bins.
private let length = 65_536
private let seeds: [UInt64] = [1, 2, 3, 4]

private func clip(_ type: NoiseType, seed: UInt64, count: Int = length, sampleRate: Int = rate) -> [Float] {
    var g = SplitMix64(seed: seed)
    return type.clip(count: count, sampleRate: sampleRate, using: &g)
}

/// The parameters a clip of `seed` was drawn with: the clip draws them first from the same generator.
private func parameters<S: NoiseSynthesizer>(_ synth: S.Type, seed: UInt64) -> S.Parameters {
    var g = SplitMix64(seed: seed)
    return S.draw(sampleRate: rate, using: &g)
}

@Test(arguments: NoiseType.allCases)
func synthIsTheSameForASeedAndDiffersAcrossSeeds(_ type: NoiseType) {
    let a = clip(type, seed: 7, count: 16_000)
    #expect(a == clip(type, seed: 7, count: 16_000))
    let b = clip(type, seed: 8, count: 16_000)
    #expect(a != b)
    // Not merely a shifted or rescaled copy: the two clips are nearly uncorrelated.
    let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(abs(dot) / (Signal.energy(a[...]) * Signal.energy(b[...])).squareRoot() < 0.5)
}

@Test(arguments: NoiseType.allCases, [8_000, 16_000, 48_000])
func synthHasTheTargetRMSAndNeverClipsAtAnyRate(_ type: NoiseType, _ sampleRate: Int) {
    for seed in seeds.prefix(2) {
        let x = clip(type, seed: seed, count: sampleRate, sampleRate: sampleRate)
        #expect(x.count == sampleRate)
        #expect(x.allSatisfy { $0.isFinite })
        #expect(abs(Signal.rms(x) - NoiseType.targetRMS) < 1e-3 * NoiseType.targetRMS, "seed \(seed)")
        let peak = x.reduce(0) { max($0, abs($1)) }
        #expect(peak <= Float(SynthLevel.ceiling), "seed \(seed)")
    }
}

@Test func rainIsBrightAndImpulsive() {
    for seed in seeds {
        let x = clip(.rain, seed: seed)
        let s = Spectrum(x, sampleRate: rate)
        #expect(s.fraction(in: 1_000...8_000) > 0.85, "seed \(seed)")
        // Gaussian noise has kurtosis 3; separate loud drops make it much larger.
        #expect(Moments.kurtosis(x) > 5, "seed \(seed): kurtosis \(Moments.kurtosis(x))")
    }
}

@Test func babbleIsSpeechShapedAndPulsesAtTheSyllableRate() {
    for seed in seeds {
        let x = clip(.babble, seed: seed)
        let s = Spectrum(x, sampleRate: rate)
        #expect(s.fraction(in: 100...4_000) > 0.9, "seed \(seed)")
        #expect((300...1_500).contains(s.centroid), "seed \(seed): centroid \(s.centroid)")
        // Syllables swell a few times a second; without them the loudness contour would be as flat at 2–8 Hz
        // as at 12–30 Hz.
        let env = Moments.envelopeSpectrum(x, sampleRate: rate)
        #expect(env.density(in: 2...8) > 5 * env.density(in: 12...30), "seed \(seed)")
    }
}

@Test func engineIsLow() {
    for seed in seeds {
        let x = clip(.engine, seed: seed)
        let s = Spectrum(x, sampleRate: rate)
        #expect(s.fraction(in: 0...1_000) > 0.9, "seed \(seed)")
        let p = parameters(EngineNoise.self, seed: seed)
        #expect((20...120).contains(p.fundamental))
        #expect(p.harmonics.count * Int(p.fundamental) <= 2_000)
    }
}

@Test func streamStaysInTheBandItDrew() {
    var centres: Set<Int> = []
    for seed in seeds {
        let x = clip(.stream, seed: seed)
        let p = parameters(StreamNoise.self, seed: seed)
        #expect((300...3_000).contains(p.centre))
        centres.insert(Int(p.centre))
        let s = Spectrum(x, sampleRate: rate)
        #expect(s.fraction(in: p.band) > 0.9, "seed \(seed): band \(p.band)")
        #expect(p.band.contains(s.centroid), "seed \(seed)")
    }
    #expect(centres.count == seeds.count)
}

@Test func humIsMainsAndItsHarmonics() {
    var mains: Set<Double> = []
    for seed in seeds + [5, 6, 7, 8] {
        let p = parameters(HumNoise.self, seed: seed)
        mains.insert(p.mains)
        let x = clip(.hum, seed: seed)
        let s = Spectrum(x, sampleRate: rate)
        let nearHarmonic = s.fraction { f in
            let r = f.truncatingRemainder(dividingBy: p.mains)
            return f > 1 && (r <= 2 || r >= p.mains - 2)
        }
        #expect(nearHarmonic > 0.9, "seed \(seed): \(nearHarmonic) within 2 Hz of multiples of \(p.mains) Hz")
    }
    #expect(mains == [50, 60])
}

@Test func levelSoftLimitsRarePeaksAndKeepsTheRMS() {
    var x = Signal.gaussian(count: 20_000, sigma: 0.01, seed: 3)
    x[500] = 5
    x[9_000] = -3
    let y = SynthLevel.scaled(x, toRMS: 0.05)
    #expect(abs(Signal.rms(y) - 0.05) < 1e-6)
    let peak = y.reduce(0) { max($0, abs($1)) }
    #expect(peak <= Float(SynthLevel.ceiling))
    #expect(y[500] > 0.9 && y[9_000] < -0.9)  // still the loudest, in their signs
    // Below the knee the curve is a plain gain.
    let k = Double(y[100]) / Double(x[100])
    #expect(abs(Double(y[200]) / Double(x[200]) - k) < 1e-4 * k)
    #expect(SynthLevel.scaled([0, 0, 0], toRMS: 0.05) == [0, 0, 0])
}
