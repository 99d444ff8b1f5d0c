import AudioFeatures
import Foundation
import Testing

/// Deterministic uniform noise in [-1, 1) (a 64-bit LCG's top bits), so the tests need no RNG of the package.
private func noise(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(Double(state >> 40) / Double(1 << 23) - 1)
    }
}

/// Equal-amplitude sines every 20 Hz from 20 Hz to 4 kHz: a flat spectrum whose 99 % point is the 198th of its
/// 200 lines, 3960 Hz. The meter answers in whole FFT bins (21.5 Hz at 44.1 kHz) and the Hann window smears
/// each line over its neighbours, so two bins of tolerance.
@Test func bandwidthOfFlatSinesToFourKilohertzIsNinetyNinePercentOfIt() {
    let rate = 44_100
    var wave = [Float](repeating: 0, count: rate)
    for line in 1...200 {
        let f = Double(20 * line), phase = Double(line) * 2.399963
        for i in wave.indices { wave[i] += Float(sin(2 * Double.pi * f * Double(i) / Double(rate) + phase) / 50) }
    }
    let bandwidth = BandwidthMeter().bandwidth(of: wave, sampleRate: rate)
    #expect(abs(bandwidth - 3_960) <= 2 * 44_100 / 2_048, "measured \(bandwidth) Hz")
}

/// White noise is flat to Nyquist: at 16 kHz its 99 % point is 7920 Hz. Thirty frames of noise leave each bin's
/// power uneven, but the cumulative sum over ~1000 bins is close to straight: within 1 % of Nyquist.
@Test func bandwidthOfWhiteNoiseIsNinetyNinePercentOfNyquist() {
    let bandwidth = BandwidthMeter().bandwidth(of: noise(32_000, seed: 1), sampleRate: 16_000)
    #expect(abs(bandwidth - 7_920) <= 80, "measured \(bandwidth) Hz")
}

/// The dataset's confound: an 8 kHz recording stored at 44.1 kHz. Its header says 44.1 kHz; its spectrum stops at
/// the old 4 kHz Nyquist. soxr's anti-imaging filter rolls off over the last few hundred hertz below it, so the
/// 99 % point lies between 3.6 and 4 kHz, far below the 21.8 kHz of full-band noise at the same rate.
@Test func bandwidthOfUpsampledNarrowbandNoiseKeepsItsOldNyquist() {
    let meter = BandwidthMeter()
    let upsampled = Resampler.resample(noise(16_000, seed: 2), from: 8_000, to: 44_100)
    let narrow = meter.bandwidth(of: upsampled, sampleRate: 44_100)
    #expect(narrow >= 3_600 && narrow <= 4_000, "measured \(narrow) Hz")
    let full = meter.bandwidth(of: noise(88_200, seed: 3), sampleRate: 44_100)
    #expect(abs(full - 21_830) <= 220, "measured \(full) Hz")
}

/// A DC offset is not bandwidth: a 1 kHz sine riding on +0.5 measures as the sine alone, within two bins.
@Test func bandwidthIgnoresTheClipsMean() {
    let rate = 8_000
    let wave = (0..<rate).map { Float(0.5 + 0.3 * sin(2 * Double.pi * 1_000 * Double($0) / Double(rate))) }
    let bandwidth = BandwidthMeter().bandwidth(of: wave, sampleRate: rate)
    #expect(abs(bandwidth - 1_000) <= 2 * 8_000 / 2_048, "measured \(bandwidth) Hz")
}

/// Silence has no energy to share out and measures 0; a clip shorter than one frame is still measured.
@Test func bandwidthOfSilenceIsZeroAndShortClipsAreMeasured() {
    let meter = BandwidthMeter()
    #expect(meter.bandwidth(of: [Float](repeating: 0, count: 5_000), sampleRate: 16_000) == 0)
    #expect(meter.bandwidth(of: [], sampleRate: 16_000) == 0)
    let short = (0..<500).map { Float(sin(2 * Double.pi * 2_000 * Double($0) / 16_000)) }
    let bandwidth = meter.bandwidth(of: short, sampleRate: 16_000)
    #expect(bandwidth > 1_900 && bandwidth < 2_200, "measured \(bandwidth) Hz")
}

/// One meter measures clip after clip with no state carried over.
@Test func bandwidthMeterIsReusable() {
    let meter = BandwidthMeter()
    let first = meter.bandwidth(of: noise(16_000, seed: 4), sampleRate: 16_000)
    _ = meter.bandwidth(of: noise(8_000, seed: 5), sampleRate: 8_000)
    #expect(meter.bandwidth(of: noise(16_000, seed: 4), sampleRate: 16_000) == first)
}
