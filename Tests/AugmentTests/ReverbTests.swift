import Augment
import Foundation
import Testing

private let rate = 16_000

/// RT60 by Schroeder backward integration: a line fitted to the decay curve between −5 and −25 dB,
/// extrapolated to −60 dB.
private func schroederRT60(_ h: [Double], sampleRate: Int) -> Double {
    var tail = [Double](repeating: 0, count: h.count)
    var sum = 0.0
    for i in h.indices.reversed() {
        sum += h[i] * h[i]
        tail[i] = sum
    }
    var t: [Double] = [], level: [Double] = []
    for i in h.indices {
        let db = 10 * log10(tail[i] / tail[0])
        if db <= -5 && db >= -25 {
            t.append(Double(i) / Double(sampleRate))
            level.append(db)
        }
    }
    return -60 / TestSpectrum.slope(t, level)
}

@Test func reverbResponseDecaysAtTheDrawnRT60() throws {
    let t = try Reverb(minRT60: 0.2, maxRT60: 0.8, minWetDB: -12, maxWetDB: -3)
    for seed in 0..<12 as Range<UInt64> {
        var g = SplitMix64(seed: seed)
        let d = t.draw(clipLength: rate, sampleRate: rate, using: &g)
        let h = t.impulseResponse(d, sampleRate: rate)
        #expect(h.count == Int((d.rt60 * 1.2 * Double(rate)).rounded()))
        #expect(abs(h.reduce(0) { $0 + $1 * $1 } - 1) < 1e-9)
        let measured = schroederRT60(h, sampleRate: rate)
        #expect(abs(measured - d.rt60) / d.rt60 < 0.15, "seed \(seed): measured \(measured) s vs drawn \(d.rt60) s")
    }
}

@Test func reverbResponseStopsAtOneAndAHalfSeconds() throws {
    let t = try Reverb(minRT60: 2, maxRT60: 3, minWetDB: -6, maxWetDB: -6)
    var g = SplitMix64(seed: 1)
    let d = t.draw(clipLength: rate, sampleRate: rate, using: &g)
    #expect(t.impulseResponse(d, sampleRate: rate).count == 24_000)
}

@Test func reverbKeepsTheInputsRMS() throws {
    let t = try Reverb(minRT60: 0.2, maxRT60: 0.8, minWetDB: -12, maxWetDB: 0)
    let clip = Signal.sine(frequency: 700, amplitude: 0.3, count: rate, sampleRate: rate)
    for seed in 0..<8 as Range<UInt64> {
        var x = clip
        var g = SplitMix64(seed: seed)
        t.apply(to: &x, sampleRate: rate, using: &g)
        #expect(x.count == clip.count)
        #expect(abs(Signal.rms(x) / Signal.rms(clip) - 1) < 1e-3)
        #expect(Signal.rms(Signal.diff(x, clip)) > 0.01 * Signal.rms(clip))
    }
}

@Test func reverbGivesAnImpulseATail() throws {
    let t = try Reverb(minRT60: 0.5, maxRT60: 0.5, minWetDB: -6, maxWetDB: -6)
    var x = [Float](repeating: 0, count: rate)
    x[1000] = 1
    var g = SplitMix64(seed: 9)
    t.apply(to: &x, sampleRate: rate, using: &g)
    let after = Signal.energy(x[(1000 + rate / 20)...]), total = Signal.energy(x[...])
    // The wet path (−6 dB) carries a quarter of the dry energy, and a quarter of the response's energy lies
    // past 50 ms at this RT60 (10^(−6·0.05/0.5)): about 5 % of the total.
    #expect(after > 0.035 * total && after < 0.065 * total, "tail holds \(after / total) of the energy")
    // Causal: nothing before the impulse beyond the FFT's rounding.
    #expect(Signal.energy(x[..<1000]) < 1e-12 * total)
}

@Test func reverbLeavesSilenceSilent() throws {
    var x = [Float](repeating: 0, count: 2000)
    var g = SplitMix64(seed: 1)
    try Reverb(minRT60: 0.3, maxRT60: 0.3, minWetDB: 0, maxWetDB: 0).apply(to: &x, sampleRate: rate, using: &g)
    #expect(x.allSatisfy { $0 == 0 })
}
