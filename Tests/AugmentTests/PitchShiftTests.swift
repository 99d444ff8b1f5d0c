import Augment
import Foundation
import Testing

private let rate = 16_000

@Test(arguments: [12.0, -12.0, 7.0, 3.5, -5.0])
func pitchShiftMovesASineBySemitonesAndKeepsLength(semitones: Double) throws {
    let t = try PitchShift(minSemitones: semitones, maxSemitones: semitones)
    let clip = Signal.sine(frequency: 440, amplitude: 0.5, count: rate, sampleRate: rate)
    var x = clip
    var g = SplitMix64(seed: 1)
    t.apply(to: &x, sampleRate: rate, using: &g)
    #expect(x.count == clip.count)
    let expected = 440 * pow(2, semitones / 12)
    let measured = Signal.zeroCrossingFrequency(x, sampleRate: rate, from: 1600, to: 14400)
    #expect(abs(measured / expected - 1) < 0.001, "measured \(measured) Hz, expected \(expected) Hz")
    // Level and smoothness: frames of 400 samples keep the sine's RMS (no beating between WSOLA frames).
    for start in stride(from: 1600, to: 14400, by: 400) {
        let rms = Signal.rms(Array(x[start..<start + 400]))
        #expect(abs(rms / (0.5 / 2.0.squareRoot()) - 1) < 0.03, "frame at \(start): rms \(rms)")
    }
}

@Test func pitchShiftUpRemovesContentAboveTheNewNyquist() throws {
    // A 6 kHz tone shifted up an octave would sit at 12 kHz, above 8 kHz Nyquist: it must vanish, not alias.
    let t = try PitchShift(minSemitones: 12, maxSemitones: 12)
    var x = Signal.sine(frequency: 6000, amplitude: 0.5, count: rate, sampleRate: rate)
    var g = SplitMix64(seed: 1)
    t.apply(to: &x, sampleRate: rate, using: &g)
    #expect(Signal.rms(Array(x[1600..<14400])) < 0.01)
}

@Test func pitchShiftOfZeroSemitonesIsIdentity() throws {
    let t = try PitchShift(minSemitones: 0, maxSemitones: 0)
    let clip = Signal.gaussian(count: 5000, sigma: 0.2, seed: 3)
    var x = clip
    var g = SplitMix64(seed: 2)
    t.apply(to: &x, sampleRate: rate, using: &g)
    #expect(x == clip)
}

@Test func pitchShiftRejectsShiftsBeyondTwoOctaves() {
    #expect(throws: AugmentError.self) { try PitchShift(minSemitones: -30, maxSemitones: 2) }
    #expect(throws: AugmentError.self) { try PitchShift(minSemitones: 3, maxSemitones: 1) }
}

@Test(arguments: [1, 2, 50, 511, 513])
func pitchShiftHandlesClipsShorterThanAFrame(length: Int) throws {
    let t = try PitchShift(minSemitones: 5, maxSemitones: 5)
    var x = Signal.sine(frequency: 440, amplitude: 0.5, count: length, sampleRate: rate)
    var g = SplitMix64(seed: 1)
    t.apply(to: &x, sampleRate: rate, using: &g)
    #expect(x.count == length)
    #expect(x.allSatisfy { $0.isFinite && abs($0) <= 1 })
}
