import Augment
import Testing

private let frames = 100, mels = 40

private func features(seed: UInt64) -> [Float] {
    var g = SplitMix64(seed: seed)
    return (0..<frames * mels).map { _ in 1 + Float(g.next() >> 40) * 0x1p-24 }  // never equal to the fill
}

@Test func specAugmentMasksExactlyTheDrawnBandsWithinValidFrames() throws {
    let t = try SpecAugment(freqMasks: 2, freqWidth: 8, timeMasks: 3, timeWidth: 15, fillValue: -7)
    let valid = 60
    var freqWidths = Set<Int>(), timeWidths = Set<Int>()
    for seed in 0..<300 as Range<UInt64> {
        let original = features(seed: seed + 1000)
        var x = original
        var g = SplitMix64(seed: seed)
        let d = t.apply(to: &x, frames: frames, mels: mels, validFrames: valid, using: &g)
        #expect(d.masks.count == 5)
        let freq = d.masks.filter { $0.axis == .frequency }
        let time = d.masks.filter { $0.axis == .time }
        #expect(freq.count == 2 && time.count == 3)
        for m in freq { #expect(m.width <= 8 && m.start >= 0 && m.start + m.width <= mels) }
        for m in time { #expect(m.width <= 15 && m.start >= 0 && m.start + m.width <= valid) }
        freqWidths.formUnion(freq.map(\.width))
        timeWidths.formUnion(time.map(\.width))
        for f in 0..<frames {
            for b in 0..<mels {
                let inFreq = f < valid && freq.contains { b >= $0.start && b < $0.start + $0.width }
                let inTime = time.contains { f >= $0.start && f < $0.start + $0.width }
                let expected = inFreq || inTime ? -7 : original[f * mels + b]
                if x[f * mels + b] != expected {
                    Issue.record("seed \(seed): cell (\(f), \(b)) is \(x[f * mels + b]), expected \(expected)")
                    return
                }
            }
        }
    }
    // Widths are uniform over 0...max: every value shows up in 600 / 900 draws.
    #expect(freqWidths == Set(0...8))
    #expect(timeWidths == Set(0...15))
}

@Test func specAugmentWithoutValidFramesUsesTheWholeBuffer() throws {
    let t = try SpecAugment(freqMasks: 0, freqWidth: 0, timeMasks: 1, timeWidth: 30)
    var maxEnd = 0
    for seed in 0..<400 as Range<UInt64> {
        var g = SplitMix64(seed: seed)
        let d = t.draw(frames: frames, mels: mels, using: &g)
        maxEnd = max(maxEnd, d.masks[0].start + d.masks[0].width)
    }
    #expect(maxEnd > 90 && maxEnd <= frames)
}

@Test func specAugmentFixesItsDrawCount() throws {
    let t = try SpecAugment(freqMasks: 2, freqWidth: 8, timeMasks: 3, timeWidth: 15, p: 0.5)
    for seed in 0..<50 as Range<UInt64> {
        var g = CountingGenerator(inner: SplitMix64(seed: seed))
        _ = t.draw(frames: frames, mels: mels, validFrames: Int(seed % 7), using: &g)
        #expect(g.count == 1 + 2 * 5)
    }
}

@Test func specAugmentRejectsNegativeCounts() {
    #expect(throws: AugmentError.self) { try SpecAugment(freqMasks: -1, freqWidth: 2, timeMasks: 1, timeWidth: 2) }
}
