import AudioFeatures
import Foundation
import Testing

/// Every size a header declares is held against the file and `AudioLimits` before anything is allocated for it:
/// these headers used to abort the process ("failed to allocate N bytes") or ask for gigabytes.
@Suite struct DeclaredSizeTests {
    /// The one-line reason `bytes` are refused with, or nil when they decode. Written to a file, because the
    /// encodings libsndfile reads are read by path.
    private func reason(_ bytes: Data) throws -> String? {
        let dir = try temporaryDirectory("declared")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("clip.wav")
        try bytes.write(to: url)
        do {
            _ = try AudioDecoder.decode(url)
            return nil
        } catch {
            #expect(error.description == "\(url.path): \(error.reason)")
            #expect(!error.reason.contains("\n"))
            return error.reason
        }
    }

    private func decode(_ bytes: Data) throws -> DecodedAudio {
        let dir = try temporaryDirectory("declared")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("clip.wav")
        try bytes.write(to: url)
        return try AudioDecoder.decode(url)
    }

    private func mp3(frames: Int, sampleRate: Int = 44100, channels: Int = 1, fact: UInt32? = nil) -> Data {
        wavBytes(formatTag: 0x55, channels: channels, sampleRate: sampleRate, bitsPerSample: 0,
                 payload: silentMP3Frames(frames), blockAlign: 1, chunksBeforeData: fact.map { [("fact", le($0))] } ?? [])
    }

    private func pcm16(sampleRate: Int, channels: Int = 1, frames: Int = 400) -> Data {
        wavBytes(formatTag: 1, channels: channels, sampleRate: sampleRate, bitsPerSample: 16,
                 payload: int16Payload((0..<frames * channels).map { Int16(truncatingIfNeeded: $0 * 97) }))
    }

    /// The fuzz campaign's first crash: the decoder reserved fact × channels floats before decoding a byte.
    @Test func factChunkClaimingMoreFramesThanTheMP3DataHoldsIsRefusedBeforeDecoding() throws {
        // 4 frames of 417 bytes hold at most 1668 · 44100 / 1000 + 1152 = 74710 frames at MP3's lowest bit rate.
        #expect(try reason(mp3(frames: 4, fact: 0xFFFF_FFF0))
            == "fact chunk declares 4294967280 frames, more than 1668 bytes of MP3 data can hold (74710 at 44100 Hz)")
        #expect(try reason(mp3(frames: 4, fact: 74711))?.hasPrefix("fact chunk declares 74711 frames") == true)
    }

    @Test func factChunkWithinTheDataStillCutsTheDecodedMP3() throws {
        let cut = try decode(mp3(frames: 6, fact: 3000))
        #expect(cut.samples.count == 3000)
        #expect(cut.encoding == "MP3 in WAV" && cut.sampleRate == 44100 && cut.channels == 1)
        #expect(cut.samples.allSatisfy { $0 == 0 })
        #expect(try decode(mp3(frames: 6)).samples.count > 3000)
    }

    @Test func mp3HeaderWithMoreThanTwoChannelsIsRefused() throws {
        #expect(try reason(mp3(frames: 4, channels: 3)) == "MP3 in WAV declares 3 channels (MP3 holds 1 or 2)")
        #expect(try reason(mp3(frames: 4, channels: 65535)) == "unsupported channel count 65535 (soundlab reads 1–64)")
    }

    /// libmpg123 used to be asked for the header's rate only, and printed its own complaint when the stream could
    /// not give it; now it decodes at the stream's rate and the mismatch is our one line.
    @Test func mp3StreamAtAnotherRateThanItsHeaderIsRefusedInOurWords() throws {
        // 22050 is the stream's half (libmpg123 could once downsample to it), 16393 and 96000 no MP3 rate at all.
        for rate in [22050, 16393, 96000] {
            #expect(try reason(mp3(frames: 4, sampleRate: rate)) == "MP3 stream is 44100 Hz but the WAV header says \(rate) Hz")
        }
    }

    /// The fuzz campaign's "duplicate-chunk" crashes: a second fmt chunk saying 1 Hz replaced the first one's rate,
    /// and the last fmt chunk is the one decoded, so it is the one held to the limits.
    @Test func secondFmtChunkIsHeldToTheLimitsLikeTheFirst() throws {
        let oneHertz = le(UInt16(1)) + le(UInt16(1)) + le(UInt32(1)) + le(UInt32(2)) + le(UInt16(2)) + le(UInt16(16))
        let bytes = wavBytes(formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16,
                             payload: int16Payload([Int16](repeating: 100, count: 8000)), chunksBeforeData: [("fmt ", oneHertz)])
        #expect(try reason(bytes) == "sample rate 1 Hz is outside 1000–384000 Hz")
    }

    /// A real clip whose header said 1 Hz asked for 112 GB after resampling to 16 kHz.
    @Test func sampleRatesOutsideTheDocumentedRangeAreRefused() throws {
        for rate in [1, 4, 999, 384_001, 0xFFFF_FFFF] {
            #expect(try reason(pcm16(sampleRate: rate)) == "sample rate \(rate) Hz is outside 1000–384000 Hz")
        }
        #expect(try reason(pcm16(sampleRate: 0)) == "invalid header (sample rate 0)")
        #expect(try decode(pcm16(sampleRate: 1000)).sampleRate == 1000)
        #expect(try decode(pcm16(sampleRate: 384_000)).sampleRate == 384_000)
    }

    /// The lowest accepted rate is the largest upsampling (16x to the default 16 kHz): the wave is exactly that long.
    @Test func clipAtTheLowestAcceptedRateResamplesToSixteenTimesItsLength() throws {
        let audio = try decode(pcm16(sampleRate: 1000, frames: 1000))
        #expect(try FeatureExtractor().wave(audio).count == 16_000)
    }

    @Test func channelCountsAboveTheLimitAreRefused() throws {
        #expect(try reason(pcm16(sampleRate: 8000, channels: 65)) == "unsupported channel count 65 (soundlab reads 1–64)")
        let wide = try decode(wavBytes(formatTag: 1, channels: 64, sampleRate: 8000, bitsPerSample: 8,
                                       payload: [UInt8](repeating: 192, count: 64 * 10)))
        #expect(wide.channels == 64 && wide.samples == [Float](repeating: 0.5, count: 10))
    }

    @Test func clipLongerThanAnHourIsRefusedBeforeDecoding() throws {
        let bytes = wavBytes(formatTag: 1, channels: 1, sampleRate: 1000, bitsPerSample: 8,
                             payload: [UInt8](repeating: 128, count: 3_600_001))
        #expect(try reason(bytes) == "too long (3600001 frames at 1000 Hz is over 3600 s, the longest clip soundlab reads)")
        let hour = wavBytes(formatTag: 1, channels: 1, sampleRate: 1000, bitsPerSample: 8,
                            payload: [UInt8](repeating: 128, count: 3_600_000))
        #expect(try decode(hour).duration == 3600)
    }

    /// IMA ADPCM goes to libsndfile, which is read block by block up to the limits, never sized from its header.
    @Test func imaADPCMDecodesThroughLibsndfile() throws {
        // 256-byte blocks of mono IMA ADPCM hold (256 - 4) · 2 + 1 = 505 samples each.
        let bytes = wavBytes(formatTag: 0x11, channels: 1, sampleRate: 8000, bitsPerSample: 4,
                             payload: [UInt8](repeating: 0, count: 3 * 256), blockAlign: 256,
                             fmtExtension: le(UInt16(2)) + le(UInt16(505)))
        let audio = try decode(bytes)
        #expect(audio.samples.count == 3 * 505)
        #expect(audio.encoding == "libsndfile subtype 0x12")
    }
}
