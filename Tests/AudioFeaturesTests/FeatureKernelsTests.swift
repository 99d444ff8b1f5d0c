import AudioFeatures
import CFeatureKernels
import Foundation
import Testing

/// The C kernels behind the STFT loop: the AVX2 and portable versions must give the same bits, and the
/// decibel polynomial must be log10. On a CPU without AVX2 both runs take the portable path, so the
/// agreement checks are then trivially true; the log10 check is not.
@Suite(.serialized) struct FeatureKernelsTests {
    /// Deterministic values in [-1, 1).
    private func noise(_ count: Int, seed: UInt64) -> [Float] {
        var s = seed
        return (0..<count).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: s >> 11) % 1_000_000) / 1_000_000
        }
    }

    /// `body` run once on each path; the CPU's best path is restored afterwards.
    private func bothPaths<T>(_ body: () -> T) -> (portable: T, best: T) {
        sl_kernels_select(0)
        let portable = body()
        sl_kernels_select(1)
        return (portable, body())
    }

    private func bits(_ x: [Float]) -> [UInt32] { x.map(\.bitPattern) }

    @Test func windowPowerInterleaveAndMelSumsAgreeBitForBitOnBothPaths() {
        let n = 1027, bins = 513, mels = 13  // odd sizes exercise every remainder loop
        let src = noise(n, seed: 1)
        let window = noise(n, seed: 2).map(Double.init)
        let w = bothPaths { () -> [Double] in
            var out = [Double](repeating: 0, count: n)
            sl_window(src, window, &out, n)
            return out
        }
        #expect(w.portable == w.best)
        #expect(w.best[5] == Double(src[5]) * window[5])

        // 16-bit PCM windowed directly must equal decoding it to floats (s / 32768) and windowing those.
        let pcm: [Int16] = noise(n, seed: 6).map { Int16($0 * 32767) } + [Int16.min, Int16.max]
        let decoded = pcm.map { Float($0) * (1 / 32768) }
        let i16 = bothPaths { () -> [Double] in
            var out = [Double](repeating: 0, count: pcm.count)
            sl_window_i16(pcm, window + [0.75, 0.5], &out, pcm.count)
            return out
        }
        var viaFloats = [Double](repeating: 0, count: pcm.count)
        sl_window(decoded, window + [0.75, 0.5], &viaFloats, pcm.count)
        #expect(i16.portable.map(\.bitPattern) == viaFloats.map(\.bitPattern))
        #expect(i16.best.map(\.bitPattern) == viaFloats.map(\.bitPattern))
        #expect(i16.best[n] == -0.75 && i16.best[n + 1] == 0.5 * 32767 / 32768)

        let spectrum = noise(2 * bins, seed: 3).map { Double($0) * 1000 }
        let p = bothPaths { () -> [Float] in
            var out = [Float](repeating: 0, count: bins)
            sl_power(spectrum, &out, bins)
            return out
        }
        #expect(bits(p.portable) == bits(p.best))
        let re = Float(spectrum[20]), im = Float(spectrum[21])
        #expect(p.best[10] == re * re + im * im)

        let rows = noise(bins * Int(SL_LANES), seed: 4)
        let lanes = bothPaths { () -> [Float] in
            var out = [Float](repeating: 0, count: bins * Int(SL_LANES))
            sl_interleave(rows, bins, &out)
            return out
        }
        #expect(bits(lanes.portable) == bits(lanes.best))
        #expect(lanes.best[7 * Int(SL_LANES) + 3] == rows[3 * bins + 7])

        let weights = noise(mels * bins, seed: 5).map { abs($0) }
        let starts: [Int32] = (0..<mels).map { Int32($0 * 30) }
        let counts: [Int32] = (0..<mels).map { Int32(1 + $0 % 9) }
        for frames in [Int(SL_LANES), 3] {
            let sums = bothPaths { () -> [Float] in
                var scratch = [Float](repeating: 0, count: mels * Int(SL_LANES))
                var out = [Float](repeating: -1, count: frames * mels)
                sl_mel_sums(lanes.best, weights, starts, counts, bins, mels, frames, &scratch, &out)
                return out
            }
            #expect(bits(sums.portable) == bits(sums.best))
            // Frame 2, band 4, summed by hand in ascending bin order.
            var expected: Float = 0
            for k in Int(starts[4])..<Int(starts[4] + counts[4]) {
                expected = expected + weights[4 * bins + k] * lanes.best[k * Int(SL_LANES) + 2]
            }
            #expect(sums.best[2 * mels + 4] == expected)
        }
    }

    @Test func decibelsAreTenLog10OnBothPathsAndClampAtAmin() {
        var x = noise(1003, seed: 6).map { abs($0) * 1e4 }
        x[0] = 0; x[1] = 1e-12; x[2] = .nan; x[3] = 1e30; x[4] = 1; x[5] = 1e-10; x[6] = .leastNormalMagnitude
        let db = bothPaths { () -> ([Float], Float) in
            var y = x
            let peak = sl_power_to_db(&y, y.count, 1e-10)
            return (y, peak)
        }
        #expect(bits(db.portable.0) == bits(db.best.0))
        #expect(db.portable.1 == db.best.1)
        let (y, peak) = db.best
        // Zero, below amin, NaN and amin itself all give amin's decibels.
        #expect(abs(y[0] + 100) < 1e-4)
        #expect(y[1] == y[0] && y[2] == y[0] && y[5] == y[0])
        #expect(y[4] == 0)
        #expect(peak == y.max())
        var worst = 0.0
        for i in 3..<x.count where x[i] > 1e-10 {
            worst = max(worst, abs(Double(y[i]) - 10 * log10(Double(x[i]))))
        }
        // About an ulp of values up to 300 dB.
        #expect(worst < 1e-4, "largest error against 10·log10 in Double: \(worst) dB")
    }

    @Test func melSpectrogramOfAClipIsTheSameBitsOnBothPaths() throws {
        let extractor = try FeatureExtractor()
        let wave = extractor.wave(try AudioDecoder.decode(datasetRoot.appendingPathComponent("Training/Dog/dog_184.wav")))
        let mel = bothPaths { extractor.melDB(wave: wave) }
        #expect(mel.portable.frames > 8)
        #expect(bits(mel.portable.values) == bits(mel.best.values))
        print("kernels: AVX2 path \(sl_kernels_use_avx2() == 1 ? "available" : "not available (portable only)")")
    }
}
