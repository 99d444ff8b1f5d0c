import AudioFeatures
import Foundation
import Testing

/// Every malformed file is one `AudioDecodeError` line naming the file and the reason, never a crash.
@Suite struct BadInputTests {
    private func decodeError(_ name: String, _ bytes: Data) throws -> AudioDecodeError? {
        let dir = try temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try bytes.write(to: url)
        do {
            _ = try AudioDecoder.decode(url)
            return nil
        } catch {
            #expect(error.description.hasPrefix(url.path + ": "))
            #expect(!error.description.contains("\n"))
            return error
        }
    }

    private var goodClip: Data {
        wavBytes(formatTag: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16,
                 payload: int16Payload((0..<4000).map { Int16(truncatingIfNeeded: $0 * 37) }))
    }

    @Test func emptyFile() throws {
        #expect(try decodeError("empty.wav", Data())?.reason == "empty file")
    }

    @Test func textFileNamedWav() throws {
        let error = try decodeError("notes.wav", Data("this is not audio\n".utf8))
        #expect(error?.reason == "not a WAV file (no RIFF/WAVE header)")
    }

    @Test func wavCutInsideItsHeader() throws {
        let error = try decodeError("cut-header.wav", goodClip.prefix(30))
        #expect(error?.reason.hasPrefix("truncated header") == true)
        let tiny = try decodeError("cut-riff.wav", goodClip.prefix(8))
        #expect(tiny?.reason.hasPrefix("truncated header") == true)
    }

    @Test func wavCutInsideItsData() throws {
        let error = try decodeError("cut-data.wav", goodClip.prefix(goodClip.count - 1000))
        #expect(error?.reason == "truncated data (data chunk declares 8000 bytes, file holds 7000)")
    }

    @Test func wavWithZeroSamples() throws {
        let bytes = wavBytes(formatTag: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16, payload: [])
        #expect(try decodeError("silent.wav", bytes)?.reason == "no audio samples (0 frames)")
    }

    @Test func nanAndInfinityInFloatWav() throws {
        for bad in [Float.nan, .infinity, -.infinity] {
            let bytes = wavBytes(formatTag: 3, channels: 1, sampleRate: 16000, bitsPerSample: 32,
                                 payload: float32Payload([0.1, 0.2, bad, 0.3]))
            #expect(try decodeError("nan.wav", bytes)?.reason == "contains NaN or infinite samples")
        }
    }

    @Test func missingFileAndDirectory() throws {
        let dir = try temporaryDirectory("missing")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: AudioDecodeError.self) { try AudioDecoder.decode(dir.appendingPathComponent("nope.wav")) }
        do { _ = try AudioDecoder.decode(dir) } catch { #expect(error.reason.contains("directory")) }
    }

    /// Reading a FIFO would block forever; it is refused before any read.
    @Test func fifoNamedWavIsRefusedNotReadForever() throws {
        let dir = try temporaryDirectory("fifo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.wav")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        do {
            _ = try AudioDecoder.decode(fifo)
            Issue.record("a FIFO decoded")
        } catch {
            #expect(error.description == "\(fifo.path): cannot read (not a regular file)")
        }
    }

    /// Documented behaviour: a clip shorter than one FFT frame is zero-padded and still gives features.
    @Test func clipShorterThanOneFFTFrameIsZeroPadded() throws {
        let dir = try temporaryDirectory("short")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("short.wav")
        try wavBytes(formatTag: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16,
                     payload: int16Payload((0..<300).map { Int16(1000 * sin(Double($0) / 5)) })).write(to: url)
        let audio = try AudioDecoder.decode(url)
        #expect(audio.samples.count == 300)
        let extractor = try FeatureExtractor()
        let features = extractor.features(audio)
        #expect(features.frames == 1)
        let values = features.values
        #expect(values.allSatisfy { $0.isFinite })
        #expect(abs(values.reduce(0, +) / Float(values.count)) < 1e-5, "z-normalised: mean 0")
        let padded = features.padded(to: 500)
        #expect(padded.count == 500 * 128 && padded[128...].allSatisfy { $0 == 0 })
    }
}

/// The encodings the dataset lacks still decode exactly as libsndfile scales them.
@Suite struct SyntheticEncodingTests {
    private func decode(_ bytes: Data) throws -> DecodedAudio {
        let dir = try temporaryDirectory("enc")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("x.WAV")
        try bytes.write(to: url)
        #expect(AudioDecoder.isAudioFile(url))
        return try AudioDecoder.decode(url)
    }

    @Test func pcm24And32AndFloatAndMuLaw() throws {
        let pcm24 = try decode(wavBytes(formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 24,
                                        payload: [0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x00, 0x40, 0x00]))
        #expect(pcm24.samples == [-1, Float(0x7FFFFF) / 8_388_608, 0.001953125])
        #expect(pcm24.encoding == "PCM 24-bit")
        let pcm32 = try decode(wavBytes(formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 32,
                                        payload: [0, 0, 0, 0x80, 0, 0, 0, 0x40]))
        #expect(pcm32.samples == [(-1 + 0.5) / 2])
        #expect(pcm32.channels == 2)
        let float = try decode(wavBytes(formatTag: 3, channels: 2, sampleRate: 22050, bitsPerSample: 32,
                                        payload: float32Payload([0.25, 0.5, -1, 1.5])))
        #expect(float.samples == [0.375, 0.25])
        #expect(float.encoding == "float 32-bit")
        let ulaw = try decode(wavBytes(formatTag: 7, channels: 1, sampleRate: 8000, bitsPerSample: 8, payload: [0x00, 0xFF, 0x80, 0x7F]))
        #expect(ulaw.samples == [-32124, 0, 32124, 0].map { Float($0) / 32768 })
        #expect(ulaw.encoding == "µ-law")
        let alaw = try decode(wavBytes(formatTag: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8, payload: [0x00, 0xD5, 0x55]))
        #expect(alaw.samples == [-5504, 8, -8].map { Float($0) / 32768 })
    }
}
