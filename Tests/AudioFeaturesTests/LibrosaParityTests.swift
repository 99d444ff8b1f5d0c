import AudioFeatures
import CSoxr
import Foundation
import Testing

/// The clips whose every stage librosa 0.11.0 recorded (Fixtures/librosa/index.json); f7 (MP3 in WAV)
/// has its own test because its fixture comes from libsndfile's truncated decode.
let parityClips: [(id: String, path: String)] = [
    ("f1_pcm16_44k_mono", "Training/Bird/Kus_22.wav"),
    ("f2_pcm8_8k_mono", "Training/Cow/inek_53.wav"),
    ("f3_pcm16_44k_stereo", "Training/Lion/aslan_26.wav"),
    ("f4_alaw_48k_stereo", "Training/Dog/dog_184.wav"),
    ("f5_pcm16_16k_mono_long", "Training/Cat/cat_112.wav"),
    ("f6_esc50_wind", "Noise/wind/2-104952-A-16.wav"),
]

@Suite struct LibrosaParityTests {
    @Test func melFilterbankMatchesLibrosaWithinOneMillionth() throws {
        let expected = try fixture("mel_filterbank")
        let ours = MelFilterbank.weights(sampleRate: 16000, nFFT: 1024, nMels: 128, fmin: 0, fmax: 8000)
        #expect(ours.count == 128 * 513)
        let peak = expected.map(abs).max()!
        let relative = maxAbsError(ours, expected) / peak
        print("filterbank: max abs error / max weight = \(relative)")
        #expect(relative <= 1e-6)
    }

    @Test(arguments: parityClips.map(\.id))
    func everyStageMatchesLibrosa(id: String) throws {
        let path = parityClips.first { $0.id == id }!.path
        let audio = try AudioDecoder.decode(datasetRoot.appendingPathComponent(path))
        let extractor = try FeatureExtractor()

        let native = try fixture("\(id)__wave_native")
        #expect(audio.samples.count == native.count)
        let nativeErr = maxAbsError(audio.samples, native)
        #expect(nativeErr == 0, "decoding must be bit-exact with libsndfile")

        let wave16 = extractor.wave(audio)
        let expected16 = try fixture("\(id)__wave_16k")
        #expect(wave16.count == expected16.count)
        let waveErr = maxAbsError(wave16, expected16)
        #expect(waveErr <= 1e-5)

        let frames = extractor.frameCount(samples: expected16.count)
        let expectedDB = transpose(try fixture("\(id)__mel_db"), rows: 128, cols: frames)
        let dbFromTheirWave = extractor.melDB(wave: expected16)
        let dbFromOurs = extractor.melDB(wave: wave16)
        #expect(dbFromOurs.frames == frames)
        let stftErr = maxAbsError(dbFromTheirWave.values, expectedDB)
        let dbErr = maxAbsError(dbFromOurs.values, expectedDB)
        // Bounds are 10-100x tighter than the targets (1e-3 dB, 1e-3): a float FFT already fails them.
        #expect(stftErr <= 1e-4)
        #expect(dbErr <= 1e-4)

        let feature = extractor.modelInput(dbFromOurs).padded(to: 500)
        let expectedFeature = try fixture("\(id)__feature")
        let featureErr = maxAbsError(feature, expectedFeature)
        #expect(featureErr <= 1e-5)
        print("\(id): native \(nativeErr), wave16k \(waveErr), melDB(librosa wave) \(stftErr) dB, melDB \(dbErr) dB, feature \(featureErr)")
    }
}

@Suite struct ExtractorReuseTests {
    /// One extractor reuses its soxr resamplers (soxr_clear) and FFT buffers; results must not drift.
    @Test func reusedExtractorStillMatchesLibrosaOnEveryClipTwice() throws {
        let extractor = try FeatureExtractor()
        for _ in 0..<2 {
            for (id, path) in parityClips {
                let audio = try AudioDecoder.decode(datasetRoot.appendingPathComponent(path))
                let wave = extractor.wave(audio)
                #expect(maxAbsError(wave, try fixture("\(id)__wave_16k")) <= 1e-5, "\(id)")
                let feature = extractor.features(audio).padded(to: 500)
                #expect(maxAbsError(feature, try fixture("\(id)__feature")) <= 1e-5, "\(id)")
            }
        }
    }
}

@Suite struct ResamplerChunkingTests {
    /// soxr called as python-soxr calls it: a fresh HQ resampler, chunks of 48000·in/out frames, a flush,
    /// then `fix_length` to ceil(n·out/in).
    private func pythonSoxr(_ x: [Float], from: Int, to: Int) -> [Float] {
        var error: soxr_error_t?
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        let soxr = soxr_create(Double(from), Double(to), 1, &error, &io, &quality, nil)!
        defer { soxr_delete(soxr) }
        let wanted = Int((Double(x.count) * Double(to) / Double(from)).rounded(.up))
        var out = [Float](repeating: 0, count: wanted + 16)
        let chunk = Int(48000 * Double(from) / Double(to))
        var produced = 0, done = 0
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var i = 0
                while i < x.count {
                    soxr_process(soxr, src.baseAddress! + i, min(chunk, x.count - i), nil,
                                 dst.baseAddress! + produced, dst.count - produced, &done)
                    produced += done
                    i += chunk
                }
                soxr_process(soxr, nil, 0, nil, dst.baseAddress! + produced, dst.count - produced, &done)
            }
        }
        return Array(out.prefix(wanted))
    }

    /// We feed soxr 8192 frames at a time (it keeps soxr's buffers small); that must give python-soxr's bits
    /// for clips longer than both chunk sizes, downsampling and upsampling, through a reused resampler too.
    @Test func feedingSoxrInSmallChunksGivesPythonSoxrsBits() throws {
        var s: UInt64 = 11
        let x: [Float] = (0..<400_003).map { i in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Float(0.4 * sin(Double(i) * 0.0123)) + Float(Int64(s >> 40) % 1000) / 20_000
        }
        let extractor = try FeatureExtractor()
        for rate in [44100, 22050, 11025, 8000, 48000] {
            let expected = pythonSoxr(x, from: rate, to: 16000)
            let ours = Resampler.resample(x, from: rate, to: 16000)
            #expect(ours.map(\.bitPattern) == expected.map(\.bitPattern), "\(rate) Hz")
            for _ in 0..<2 {
                let pooled = extractor.wave(DecodedAudio(samples: x, sampleRate: rate, channels: 1, encoding: "test"))
                #expect(pooled.map(\.bitPattern) == expected.map(\.bitPattern), "\(rate) Hz, reused resampler")
            }
        }
    }
}
