import Augment
import Testing

private let rate = 16_000

private func limited(_ x: [Float], at hz: Double) throws -> [Float] {
    var y = x
    var g = SplitMix64(seed: 1)
    let d = try BandLimit(minHz: hz, maxHz: hz).apply(to: &y, sampleRate: rate, using: &g)
    #expect(d.applied && d.cutoffHz == hz)
    return y
}

@Test func bandLimitRemovesTheStopBandAndKeepsThePassBand() throws {
    let x = Signal.gaussian(count: 65_536, sigma: 0.1, seed: 4)
    let y = try limited(x, at: 4000)
    #expect(y.count == x.count)
    let px = TestSpectrum.periodogram(x[...]), py = TestSpectrum.periodogram(y[...])
    let stop = Signal.db(TestSpectrum.band(py, sampleRate: rate, 4400, 8001) / TestSpectrum.band(px, sampleRate: rate, 4400, 8001))
    let pass = Signal.db(TestSpectrum.band(py, sampleRate: rate, 0, 3600) / TestSpectrum.band(px, sampleRate: rate, 0, 3600))
    #expect(stop <= -50, "stop band only \(stop) dB down")
    #expect(abs(pass) <= 0.5, "pass band changed by \(pass) dB")
    // About -6 dB at the cut-off itself: the transition is centred there, not wholly above or below.
    let edge = Signal.db(TestSpectrum.band(py, sampleRate: rate, 3990, 4010) / TestSpectrum.band(px, sampleRate: rate, 3990, 4010))
    #expect(edge < -4 && edge > -8, "at the cut-off: \(edge) dB")
}

@Test func bandLimitReachesSixtyDecibelsJustPastTheTransition() throws {
    // 4300 Hz is past the transition band (cut-off + 5 %); measured away from the ends, where the abrupt
    // start and stop of the tone spread energy over every frequency.
    let x = Signal.sine(frequency: 4300, amplitude: 0.5, count: rate, sampleRate: rate)
    let y = try limited(x, at: 4000)
    let inner = 2000..<(rate - 2000)
    #expect(Signal.db(Signal.energy(y[inner]) / Signal.energy(x[inner])) <= -60)
}

@Test func bandLimitLeavesAPassBandToneInPlace() throws {
    let x = Signal.sine(frequency: 1000, amplitude: 0.5, count: rate, sampleRate: rate)
    let y = try limited(x, at: 4000)
    #expect(y.count == x.count)
    // Zero phase: a one-sample delay would leave errors near 0.2 here.
    let worst = (2000..<(rate - 2000)).map { abs(y[$0] - x[$0]) }.max()!
    #expect(worst < 1e-4, "max error \(worst)")
}

@Test func bandLimitAtOrAboveNyquistChangesNothing() throws {
    let x = Signal.gaussian(count: 4000, sigma: 0.1, seed: 5)
    #expect(try limited(x, at: 8000) == x)
    #expect(try limited(x, at: 12_000) == x)
    // Just below Nyquist it does act.
    #expect(try limited(x, at: 7000) != x)
}

@Test func bandLimitDrawsTheCutOffUniformlyInItsRange() throws {
    let t = try BandLimit(minHz: 3000, maxHz: 8000)
    var lo = Double.infinity, hi = -Double.infinity
    for seed in 0..<200 as Range<UInt64> {
        var g = SplitMix64(seed: seed)
        let d = t.draw(clipLength: 100, sampleRate: rate, using: &g)
        #expect((3000.0...8000.0).contains(d.cutoffHz))
        lo = min(lo, d.cutoffHz)
        hi = max(hi, d.cutoffHz)
    }
    #expect(lo < 3200 && hi > 7800)
}

@Test func bandLimitHandlesClipsShorterThanItsFilter() throws {
    // At 100 Hz the filter is thousands of taps long; a 50-sample clip must still come back whole.
    var x = Signal.sine(frequency: 50, amplitude: 0.5, count: 50, sampleRate: rate)
    let before = x
    var g = SplitMix64(seed: 2)
    try BandLimit(minHz: 100, maxHz: 100).apply(to: &x, sampleRate: rate, using: &g)
    #expect(x.count == 50)
    #expect(x.allSatisfy { $0.isFinite })
    #expect(x != before)
}
