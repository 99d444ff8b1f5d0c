import Augment
import Testing

private let rate = 16_000
private let noise = [Signal.gaussian(count: 5000, sigma: 0.1, seed: 77)]

/// Stream i of a (seed, index) derivation, standing in for the Experiment target's.
private func stream(_ seed: UInt64) -> (Int) -> SplitMix64 {
    { i in SplitMix64(seed: seed &+ UInt64(i) &* 0xD1B5_4A32_D192_ED03) }
}

private func wavePipeline(p: Double) throws -> [AugmentPipeline.Stage] {
    [.wave(try BackgroundNoise(noises: noise, minSNR: 0, maxSNR: 20,
                               mode: .calibrated(.init(minNoiseRMS: 0.001)), p: p)),
     .wave(try Gain(minDB: -6, maxDB: 6, p: p)),
     .wave(try TimeShift(maxSeconds: 0.1, p: p)),
     .wave(try PitchShift(minSemitones: -2, maxSemitones: 2, p: p))]
}

@Test func sameSeedGivesBitIdenticalOutput() throws {
    let pipeline = AugmentPipeline(try wavePipeline(p: 0.7)
        + [.spec(try SpecAugment(freqMasks: 2, freqWidth: 5, timeMasks: 2, timeWidth: 10))])
    let clip = Signal.sine(frequency: 700, amplitude: 0.3, count: 8000, sampleRate: rate)
    func run(_ seed: UInt64) -> ([Float], [Float]) {
        var x = clip
        pipeline.applyWave(&x, sampleRate: rate, streams: stream(seed))
        var spec = Array(x[0..<(50 * 40)])
        pipeline.applySpec(&spec, frames: 50, mels: 40, validFrames: 45, streams: stream(seed))
        return (x, spec)
    }
    let a = run(5), b = run(5), c = run(6)
    #expect(a.0.map(\.bitPattern) == b.0.map(\.bitPattern))
    #expect(a.1.map(\.bitPattern) == b.1.map(\.bitPattern))
    #expect(a.0 != c.0)
}

@Test func probabilityZeroNeverAppliesAndOneAlwaysDoes() throws {
    let clip = Signal.sine(frequency: 700, amplitude: 0.3, count: 4000, sampleRate: rate)
    let never = AugmentPipeline(try wavePipeline(p: 0))
    let always = AugmentPipeline(try wavePipeline(p: 1))
    for seed in 0..<100 as Range<UInt64> {
        var x = clip
        let d0 = never.applyWave(&x, sampleRate: rate, streams: stream(seed))
        #expect(x == clip)
        #expect(d0.allSatisfy { !$0.applied })
        let d1 = always.applyWave(&x, sampleRate: rate, streams: stream(seed))
        #expect(d1.count == 4 && d1.allSatisfy(\.applied))
        #expect(x != clip)
    }
    let spec0 = try SpecAugment(freqMasks: 2, freqWidth: 5, timeMasks: 2, timeWidth: 10, p: 0)
    var f = [Float](repeating: 1, count: 400)
    var g = SplitMix64(seed: 1)
    #expect(!spec0.apply(to: &f, frames: 20, mels: 20, using: &g).applied)
    #expect(f.allSatisfy { $0 == 1 })
}

@Test func probabilityGateFiresAtItsRate() throws {
    let t = try Gain(minDB: 1, maxDB: 2, p: 0.3)
    var fired = 0
    for seed in 0..<2000 as Range<UInt64> {
        var g = SplitMix64(seed: seed)
        if t.draw(clipLength: 10, sampleRate: rate, using: &g).applied { fired += 1 }
    }
    #expect(abs(Double(fired) / 2000 - 0.3) < 0.04)  // sd ≈ 0.010
}

@Test func wavePipelineStagesDrawOnlyFromTheirOwnStream() throws {
    let clip = Signal.sine(frequency: 700, amplitude: 0.3, count: 4000, sampleRate: rate)
    let gain = try Gain(minDB: -6, maxDB: 6)
    let shift = try TimeShift(maxSeconds: 0.05)
    let short = AugmentPipeline([.wave(gain), .wave(shift)])
    let long = AugmentPipeline([.wave(gain), .wave(shift), .wave(try PitchShift(minSemitones: 1, maxSemitones: 3)),
                                .spec(try SpecAugment(freqMasks: 1, freqWidth: 3, timeMasks: 1, timeWidth: 3))])
    for seed in 0..<20 as Range<UInt64> {
        var a = clip, b = clip
        let da = short.applyWave(&a, sampleRate: rate, streams: stream(seed))
        let db = long.applyWave(&b, sampleRate: rate, streams: stream(seed))
        #expect(da.count == 2 && db.count == 3)
        #expect(da[0] as? Gain.Draw == db[0] as? Gain.Draw)
        #expect(da[1] as? TimeShift.Draw == db[1] as? TimeShift.Draw)
        // And each stage's draw is exactly what it draws alone from stream i.
        var g0 = stream(seed)(0), g1 = stream(seed)(1)
        #expect(da[0] as? Gain.Draw == gain.draw(clipLength: 4000, sampleRate: rate, using: &g0))
        #expect(da[1] as? TimeShift.Draw == shift.draw(clipLength: 4000, sampleRate: rate, using: &g1))
    }
    #expect(long.hasWaveStages)
    #expect(!AugmentPipeline([.spec(try SpecAugment(freqMasks: 1, freqWidth: 1, timeMasks: 0, timeWidth: 0))])
        .hasWaveStages)
}

@Test func waveTransformsConsumeAFixedNumberOfDrawsWhateverTheGate() throws {
    let cases: [(any WaveTransform, Int)] = [
        (try BackgroundNoise(noises: noise, minSNR: 0, maxSNR: 10, p: 0.5), 4),
        (try Gain(minDB: -1, maxDB: 1, p: 0.5), 2),
        (try TimeShift(maxSeconds: 0.1, p: 0.5), 2),
        (try PitchShift(minSemitones: -1, maxSemitones: 1, p: 0.5), 2),
    ]
    for (t, expected) in cases {
        var fired = Set<Bool>()
        for seed in 0..<30 as Range<UInt64> {
            var g = CountingGenerator(inner: SplitMix64(seed: seed))
            var x = Signal.sine(frequency: 300, amplitude: 0.2, count: 1000 + Int(seed) * 300, sampleRate: rate)
            fired.insert(t.apply(to: &x, sampleRate: rate, using: &g).applied)
            #expect(g.count == expected)
        }
        #expect(fired == [true, false])
    }
}
