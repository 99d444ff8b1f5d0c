import Augment
import Foundation
import Testing

private let rate = 16_000

@Test func gainChangesRMSByTheDrawnDecibels() throws {
    let t = try Gain(minDB: -12, maxDB: 6)
    let clip = Signal.gaussian(count: 8000, sigma: 0.1, seed: 9)
    var lo = 0.0, hi = 0.0
    for seed in 0..<50 as Range<UInt64> {
        var x = clip
        var g = SplitMix64(seed: seed)
        let d = t.apply(to: &x, sampleRate: rate, using: &g)
        let measured = 20 * log10(Signal.rms(x) / Signal.rms(clip))
        #expect(abs(measured - d.gainDB) < 1e-4)
        #expect((-12.0...6.0).contains(d.gainDB))
        lo = min(lo, d.gainDB)
        hi = max(hi, d.gainDB)
    }
    #expect(lo < -10 && hi > 4)  // the draws actually spread over the range
}

@Test func timeShiftMovesAnImpulseByTheDrawnSamples() throws {
    let t = try TimeShift(maxSeconds: 0.25)
    var shifts = Set<Int>()
    for seed in 0..<200 as Range<UInt64> {
        var x = [Float](repeating: 0, count: rate)
        x[8000] = 1
        var g = SplitMix64(seed: seed)
        let d = t.apply(to: &x, sampleRate: rate, using: &g)
        #expect(abs(d.shift) <= 4000)
        #expect(x[8000 + d.shift] == 1)
        #expect(x.reduce(0, +) == 1)
        shifts.insert(d.shift.signum())
    }
    #expect(shifts == [-1, 1])
}

@Test func timeShiftZeroFillsInsteadOfWrapping() throws {
    let t = try TimeShift(maxSeconds: 0.1)
    let ramp = (0..<4000).map { Float($0 + 1) }
    for seed in 0..<50 as Range<UInt64> {
        var x = ramp
        var g = SplitMix64(seed: seed)
        let s = t.apply(to: &x, sampleRate: rate, using: &g).shift
        for i in 0..<4000 {
            let source = i - s
            #expect(x[i] == (source >= 0 && source < 4000 ? ramp[source] : 0))
        }
    }
}

@Test func timeShiftLongerThanTheClipLeavesSilence() throws {
    let t = try TimeShift(maxSeconds: 1)
    var x: [Float] = [1, 2, 3]
    t.apply(TimeShift.Draw(applied: true, shift: -5), to: &x, sampleRate: rate)
    #expect(x == [0, 0, 0])
}
