import Augment
import Testing

private let rate = 16_000
/// Away from the ends, where a tone that starts and stops abruptly has energy at every frequency.
private let inner = 2000..<(rate - 2000)

private func through(_ x: [Float], _ low: Int) throws -> [Float] {
    var y = x
    var g = SplitMix64(seed: 3)
    let d = try ResampleThrough(rates: [low]).apply(to: &y, sampleRate: rate, using: &g)
    #expect(d.applied && d.rate == low)
    #expect(y.count == x.count)
    return y
}

private func levelDB(_ y: [Float], _ x: [Float]) -> Double {
    Signal.db(Signal.energy(y[inner]) / Signal.energy(x[inner]))
}

@Test(arguments: [8000, 11_025])
func resampleThroughRemovesWhatTheLowerRateCannotHold(low: Int) throws {
    // 6 kHz is above both rates' Nyquist; 1 kHz is well inside.
    let high = Signal.sine(frequency: 6000, amplitude: 0.5, count: rate, sampleRate: rate)
    #expect(try levelDB(through(high, low), high) <= -40)
    let tone = Signal.sine(frequency: 1000, amplitude: 0.5, count: rate, sampleRate: rate)
    let kept = try through(tone, low)
    #expect(abs(levelDB(kept, tone)) <= 0.5)
    // Kept in place: no delay, no drift over the clip.
    let worst = inner.map { abs(kept[$0] - tone[$0]) }.max()!
    #expect(worst < 1e-3, "max error \(worst)")
}

@Test func resampleThroughDoesNotFoldBackContentJustAboveTheLowerNyquist() throws {
    // At 8 kHz, 4.3 kHz would alias to 3.7 kHz; a soft anti-alias filter would let much of it through.
    let x = Signal.sine(frequency: 4300, amplitude: 0.5, count: rate, sampleRate: rate)
    #expect(try levelDB(through(x, 8000), x) <= -40)
}

@Test func resampleThroughAtOrAboveTheClipsRateChangesNothing() throws {
    let x = Signal.gaussian(count: 3000, sigma: 0.1, seed: 8)
    #expect(try through(x, 16_000) == x)
    #expect(try through(x, 22_050) == x)
}

@Test func resampleThroughPicksEveryListedRate() throws {
    let t = try ResampleThrough(rates: [8000, 11_025, 22_050])
    var seen: [Int: Int] = [:]
    for seed in 0..<300 as Range<UInt64> {
        var g = SplitMix64(seed: seed)
        seen[t.draw(clipLength: 10, sampleRate: rate, using: &g).rate, default: 0] += 1
    }
    #expect(Set(seen.keys) == [8000, 11_025, 22_050])
    #expect(seen.values.allSatisfy { $0 > 70 })  // 100 expected each, sd ≈ 8
}
