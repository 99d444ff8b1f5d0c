import Augment
import Foundation
import Testing

private let rate = 16_000

@Test func colouredNoiseHitsTheDrawnSNR() throws {
    let t = try ColouredNoise(minExponent: 0, maxExponent: 2, minSNR: -5, maxSNR: 25)
    let clip = Signal.sine(frequency: 1000, amplitude: 0.3, count: 2 * rate, sampleRate: rate)
    for seed in 0..<12 as Range<UInt64> {
        var x = clip
        var g = SplitMix64(seed: seed)
        let d = t.apply(to: &x, sampleRate: rate, using: &g)
        let measured = Signal.db(Signal.power(clip) / Signal.power(Signal.diff(x, clip)))
        #expect(abs(measured - d.snrDB) < 0.05, "seed \(seed): measured \(measured) vs drawn \(d.snrDB)")
    }
}

/// Slope of the added noise's spectrum in log-log (power per decade of frequency, in units of −α), from
/// third-octave band means between 100 Hz and 6.4 kHz.
private func fittedExponent(alpha: Double, seed: UInt64) throws -> Double {
    let t = try ColouredNoise(minExponent: alpha, maxExponent: alpha, minSNR: 0, maxSNR: 0)
    let clip = Signal.gaussian(count: 4 * rate, sigma: 0.1, seed: 99)
    var x = clip
    var g = SplitMix64(seed: seed)
    let d = t.apply(to: &x, sampleRate: rate, using: &g)
    #expect(d.exponent == alpha)
    let p = TestSpectrum.welch(Signal.diff(x, clip), segment: 4096)
    var logF: [Double] = [], logP: [Double] = []
    var lo = 100.0
    while lo * pow(2, 1.0 / 3) <= 6400 {
        let hi = lo * pow(2, 1.0 / 3)
        let bins = (Int((lo / Double(rate) * 4096).rounded(.up))...Int((hi / Double(rate) * 4096).rounded(.down)))
        logF.append(log10((lo * hi).squareRoot()))
        logP.append(log10(bins.reduce(0) { $0 + p[$1] } / Double(bins.count)))
        lo = hi
    }
    return -TestSpectrum.slope(logF, logP)
}

@Test(arguments: [0.0, 1.0, 2.0])
func colouredNoiseSpectrumFallsAsOneOverFToTheAlpha(alpha: Double) throws {
    for seed in 0..<3 as Range<UInt64> {
        let fitted = try fittedExponent(alpha: alpha, seed: seed)
        #expect(abs(fitted - alpha) < 0.15, "α \(alpha), seed \(seed): fitted \(fitted)")
    }
}

@Test func colouredNoiseLeavesSilenceSilent() throws {
    var x = [Float](repeating: 0, count: 1000)
    var g = SplitMix64(seed: 1)
    try ColouredNoise(minExponent: 1, maxExponent: 1, minSNR: 10, maxSNR: 10).apply(to: &x, sampleRate: rate, using: &g)
    #expect(x.allSatisfy { $0 == 0 })
}

@Test func colouredNoiseHasNoOffset() throws {
    let t = try ColouredNoise(minExponent: 2, maxExponent: 2, minSNR: 0, maxSNR: 0)
    var g = SplitMix64(seed: 4)
    let d = t.draw(clipLength: 8192, sampleRate: rate, using: &g)
    let n = t.noise(d, count: 8192, sampleRate: rate)
    let mean = n.reduce(0, +) / Double(n.count)
    let rms = (n.reduce(0) { $0 + $1 * $1 } / Double(n.count)).squareRoot()
    #expect(abs(mean) < 1e-9 * rms)  // DC removed; the length is a power of two, so the mean is the DC bin
}
