import Augment
import Testing

private let rate = 16_000

/// 1 s clip: a 1 kHz tone (amplitude 0.2, quiet enough that no mix below reaches the peak rule) for the first 3200 samples, then a faint hum ~57 dB below the
/// tone. Frames of 512: frames 0–5 are pure tone, frame 6 holds 128 tone samples (−6 dB, active); every
/// later frame is hum only (below the 40 dB threshold). Active samples: 7 × 512 = 3584.
private func toneWithSilence() -> [Float] {
    var x = Signal.sine(frequency: 1000, amplitude: 0.2, count: rate, sampleRate: rate)
    let hum = Signal.sine(frequency: 50, amplitude: 0.0002, count: rate, sampleRate: rate)
    for i in 3200..<rate { x[i] = hum[i] }
    return x
}

private let noisePool = [Signal.gaussian(count: 7_000, sigma: 0.1, seed: 1),   // shorter: looped
                         Signal.gaussian(count: 40_000, sigma: 0.3, seed: 2)]  // longer: windowed

@Test func naiveNoiseHitsTheDrawnSNRAgainstMeanPower() throws {
    let clip = toneWithSilence()
    let t = try BackgroundNoise(noises: noisePool, minSNR: -5, maxSNR: 20, mode: .naive)
    var seen = Set<Int>()
    for seed in 0..<20 as Range<UInt64> {
        var x = clip
        var g = SplitMix64(seed: seed)
        let d = t.apply(to: &x, sampleRate: rate, using: &g)
        seen.insert(d.noiseIndex)
        let added = Signal.diff(x, clip)
        let measured = Signal.db(Signal.power(clip) / Signal.power(added))
        #expect(abs(measured - d.snrDB) < 0.01, "seed \(seed): measured \(measured) vs drawn \(d.snrDB)")
    }
    #expect(seen == [0, 1])
}

@Test func calibratedNoiseHitsTheDrawnSNRAgainstActiveSignalPower() throws {
    let clip = toneWithSilence()
    let activePower = Signal.energy(clip[0..<3584]) / 3584
    let naive = try BackgroundNoise(noises: noisePool, minSNR: 10, maxSNR: 30, mode: .naive)
    let calibrated = try BackgroundNoise(noises: noisePool, minSNR: 10, maxSNR: 30, mode: .calibrated(.init()))
    for seed in 0..<20 as Range<UInt64> {
        var a = clip, b = clip
        var g1 = SplitMix64(seed: seed), g2 = SplitMix64(seed: seed)
        let dn = naive.apply(to: &a, sampleRate: rate, using: &g1)
        let dc = calibrated.apply(to: &b, sampleRate: rate, using: &g2)
        #expect(dn == dc)  // same stream, same draws: only the reference power differs
        let added = Signal.diff(b, clip)
        let measured = Signal.db(activePower / Signal.power(added))
        #expect(abs(measured - dc.snrDB) < 0.01, "seed \(seed): measured \(measured) vs drawn \(dc.snrDB)")
        // Naive measures against a mean diluted by silence, so at the same number its noise is quieter,
        // by exactly that dilution (the call's real SNR is higher than drawn).
        let quieter = Signal.db(Signal.power(added) / Signal.power(Signal.diff(a, clip)))
        #expect(abs(quieter - Signal.db(activePower / Signal.power(clip))) < 0.01)
        #expect(quieter > 6)
    }
}

@Test func calibratedNoiseNeverClipsAndKeepsTheSNR() throws {
    let loud = Signal.sine(frequency: 1000, amplitude: 0.95, count: rate, sampleRate: rate)
    let naive = try BackgroundNoise(noises: noisePool, minSNR: 0, maxSNR: 3, mode: .naive)
    let calibrated = try BackgroundNoise(noises: noisePool, minSNR: 0, maxSNR: 3, mode: .calibrated(.init()))
    for seed in 0..<10 as Range<UInt64> {
        var a = loud, b = loud
        var g1 = SplitMix64(seed: seed), g2 = SplitMix64(seed: seed)
        naive.apply(to: &a, sampleRate: rate, using: &g1)
        calibrated.apply(to: &b, sampleRate: rate, using: &g2)
        let naivePeak = a.map(abs).max()!
        #expect(naivePeak > 1)  // the case the rule exists for
        // Every 512-frame of this tone has the same power, so active = mean and the unscaled mixes agree;
        // the calibrated one is the naive one scaled to peak 0.999 (clip and noise together).
        let peak = b.map(abs).max()!
        #expect(abs(peak - 0.999) < 1e-6)
        let s = 0.999 / naivePeak
        for i in stride(from: 0, to: rate, by: 97) { #expect(abs(b[i] - a[i] * s) < 1e-5) }
    }
}

@Test func noiseFloorRaisesQuietNoiseToMinNoiseRMS() throws {
    let floor = 0.01
    let t = try BackgroundNoise(noises: noisePool, minSNR: 10, maxSNR: 20,
                                mode: .calibrated(.init(minNoiseRMS: floor)))
    // Near-silent clip: the SNR alone would add noise ~40 dB below the floor.
    let quiet = Signal.sine(frequency: 1000, amplitude: 1e-4, count: rate, sampleRate: rate)
    for seed in 0..<5 as Range<UInt64> {
        var x = quiet
        var g = SplitMix64(seed: seed)
        t.apply(to: &x, sampleRate: rate, using: &g)
        #expect(abs(Signal.rms(Signal.diff(x, quiet)) / floor - 1) < 1e-4)
    }
    // A silent clip still gets noise at the floor.
    var silent = [Float](repeating: 0, count: rate)
    var g = SplitMix64(seed: 3)
    t.apply(to: &silent, sampleRate: rate, using: &g)
    #expect(abs(Signal.rms(silent) / floor - 1) < 1e-4)
    // A loud clip needs noise far above the floor: the floor does nothing and the SNR holds.
    let loud = Signal.sine(frequency: 1000, amplitude: 0.5, count: rate, sampleRate: rate)
    var y = loud
    var g2 = SplitMix64(seed: 4)
    let d = t.apply(to: &y, sampleRate: rate, using: &g2)
    let added = Signal.diff(y, loud)
    #expect(Signal.rms(added) > 3 * floor)
    #expect(abs(Signal.db(Signal.power(loud) / Signal.power(added)) - d.snrDB) < 0.01)
    // Without a floor a silent clip is left alone (nothing to measure an SNR against).
    let noFloor = try BackgroundNoise(noises: noisePool, minSNR: 10, maxSNR: 20, mode: .calibrated(.init()))
    var zero = [Float](repeating: 0, count: rate)
    var g3 = SplitMix64(seed: 5)
    noFloor.apply(to: &zero, sampleRate: rate, using: &g3)
    #expect(zero.allSatisfy { $0 == 0 })
}

@Test func noiseWindowStaysInsideLongClipsAndLoopsShortOnes() throws {
    // A ramp noise makes the used segment readable from the mix of a silent clip.
    let ramp = (0..<1000).map { Float($0 + 1) }
    let t = try BackgroundNoise(noises: [ramp], minSNR: 0, maxSNR: 0, mode: .calibrated(.init(minNoiseRMS: 1)))
    for seed in 0..<20 as Range<UInt64> {
        var x = [Float](repeating: 0, count: 2500)
        var g = SplitMix64(seed: seed)
        let d = t.apply(to: &x, sampleRate: rate, using: &g)
        let k = x[0] / ramp[d.offset]
        for i in stride(from: 0, to: 2500, by: 7) {
            #expect(abs(x[i] - k * ramp[(d.offset + i) % 1000]) <= 1e-4 * abs(x[i]))
        }
        var y = [Float](repeating: 0, count: 300)
        var g2 = SplitMix64(seed: seed)
        let e = t.apply(to: &y, sampleRate: rate, using: &g2)
        #expect(e.offset <= 700)
    }
}

@Test func noiseRejectsBadConfiguration() {
    #expect(throws: AugmentError.self) { try BackgroundNoise(noises: [], minSNR: 0, maxSNR: 10) }
    #expect(throws: AugmentError.self) { try BackgroundNoise(noises: [[]], minSNR: 0, maxSNR: 10) }
    #expect(throws: AugmentError.self) { try BackgroundNoise(noises: noisePool, minSNR: 0, maxSNR: 10, p: 1.5) }
    #expect(throws: AugmentError.self) {
        try BackgroundNoise(noises: noisePool, minSNR: 0, maxSNR: 10, mode: .calibrated(.init(minNoiseRMS: -1)))
    }
}

@Test func reversedRangesAreErrorsNotTraps() {
    #expect(throws: AugmentError.self) { try BackgroundNoise(noises: noisePool, minSNR: 10, maxSNR: 0) }
    #expect(throws: AugmentError.self) { try Gain(minDB: 3, maxDB: -3) }
    #expect(throws: AugmentError.self) { try TimeShift(maxSeconds: -1) }
    #expect(throws: AugmentError.self) { try Gain(minDB: .nan, maxDB: 1) }
}
