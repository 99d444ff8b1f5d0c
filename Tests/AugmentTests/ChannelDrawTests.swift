import Augment
import Testing

private let rate = 16_000

/// The four channel transforms at probability `p`, with the `next()` each call consumes.
private func channels(p: Double) throws -> [(any WaveTransform, Int)] {
    [(try BandLimit(minHz: 3000, maxHz: 7000, p: p), 2),
     (try ResampleThrough(rates: [8000, 11_025], p: p), 2),
     (try Reverb(minRT60: 0.2, maxRT60: 0.8, minWetDB: -12, maxWetDB: -3, p: p), 4),
     (try ColouredNoise(minExponent: 0, maxExponent: 2, minSNR: 0, maxSNR: 20, p: p), 4)]
}

private func run(_ t: some WaveTransform, _ clip: [Float], seed: UInt64) -> ([Float], Int, Bool) {
    var x = clip
    var g = CountingGenerator(inner: SplitMix64(seed: seed))
    let d = t.apply(to: &x, sampleRate: rate, using: &g)
    return (x, g.count, d.applied)
}

@Test(arguments: [0.0, 0.5, 1.0])
func channelTransformsConsumeAFixedNumberOfDraws(p: Double) throws {
    let clip = Signal.gaussian(count: 3000, sigma: 0.1, seed: 6)
    for (t, expected) in try channels(p: p) {
        var fired = 0
        for seed in 0..<20 as Range<UInt64> {
            let (x, count, applied) = run(t, clip, seed: seed)
            #expect(count == expected, "\(type(of: t)) at p \(p): \(count) draws")
            if applied { fired += 1 } else { #expect(x == clip) }
            // Silence and a one-sample clip draw as much as a full clip.
            #expect(run(t, [0], seed: seed).1 == expected)
        }
        if p == 0 { #expect(fired == 0) }
        if p == 1 { #expect(fired == 20) }
        if p == 0.5 { #expect(fired > 3 && fired < 17) }
    }
}

@Test func channelTransformsAreReproducibleFromTheSeed() throws {
    let clip = Signal.sine(frequency: 700, amplitude: 0.3, count: 8000, sampleRate: rate)
    for (t, _) in try channels(p: 1) {
        let a = run(t, clip, seed: 5).0, b = run(t, clip, seed: 5).0, c = run(t, clip, seed: 6).0
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(type(of: t))")
        #expect(a != clip, "\(type(of: t))")
        if !(t is ResampleThrough) { #expect(a != c, "\(type(of: t))") }  // two rates: seeds 5 and 6 may agree
    }
}

@Test func channelTransformsRefuseBadConfiguration() {
    #expect(throws: AugmentError.self) { try BandLimit(minHz: 5000, maxHz: 4000) }
    #expect(throws: AugmentError.self) { try BandLimit(minHz: 0, maxHz: 4000) }
    #expect(throws: AugmentError.self) { try BandLimit(minHz: -100, maxHz: 4000) }
    #expect(throws: AugmentError.self) { try BandLimit(minHz: 3000, maxHz: .infinity) }
    #expect(throws: AugmentError.self) { try BandLimit(minHz: 3000, maxHz: 4000, p: 1.5) }
    #expect(throws: AugmentError.self) { try ResampleThrough(rates: []) }
    #expect(throws: AugmentError.self) { try ResampleThrough(rates: [8000, 0]) }
    #expect(throws: AugmentError.self) { try ResampleThrough(rates: [8000], p: -0.1) }
    #expect(throws: AugmentError.self) { try Reverb(minRT60: -0.1, maxRT60: 0.5, minWetDB: -6, maxWetDB: 0) }
    #expect(throws: AugmentError.self) { try Reverb(minRT60: 0, maxRT60: 0.5, minWetDB: -6, maxWetDB: 0) }
    #expect(throws: AugmentError.self) { try Reverb(minRT60: 0.8, maxRT60: 0.2, minWetDB: -6, maxWetDB: 0) }
    #expect(throws: AugmentError.self) { try Reverb(minRT60: 0.2, maxRT60: 0.8, minWetDB: 0, maxWetDB: -6) }
    #expect(throws: AugmentError.self) { try Reverb(minRT60: 0.2, maxRT60: 0.8, minWetDB: -6, maxWetDB: 0, p: 2) }
    #expect(throws: AugmentError.self) { try ColouredNoise(minExponent: 2, maxExponent: 0, minSNR: 0, maxSNR: 20) }
    #expect(throws: AugmentError.self) { try ColouredNoise(minExponent: 0, maxExponent: 2, minSNR: 20, maxSNR: 0) }
    #expect(throws: AugmentError.self) { try ColouredNoise(minExponent: .nan, maxExponent: 2, minSNR: 0, maxSNR: 20) }
    #expect(throws: AugmentError.self) { try ColouredNoise(minExponent: 0, maxExponent: 2, minSNR: 0, maxSNR: 20, p: 1.01) }
}
