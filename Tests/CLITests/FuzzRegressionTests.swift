import Foundation
import Testing

/// The crashes and noise the fault-injection campaign found, each as the smallest file that showed it, run
/// through the binary: one `error:` line naming the file and the reason, exit 2, nothing else on stderr.
@Suite struct FuzzRegressionTests {
    private func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    private func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }

    /// A WAV with one fmt chunk, any extra chunks, and a data chunk.
    private func wav(tag: UInt16, channels: UInt16, rate: UInt32, bits: UInt16, blockAlign: UInt16,
                     extra: [(String, [UInt8])] = [], data: [UInt8]) -> Data {
        var chunks = Array("fmt ".utf8) + le32(16) + le16(tag) + le16(channels) + le32(rate)
            + le32(rate * UInt32(blockAlign)) + le16(blockAlign) + le16(bits)
        for (id, body) in extra { chunks += Array(id.utf8) + le32(UInt32(body.count)) + body }
        chunks += Array("data".utf8) + le32(UInt32(data.count)) + data + (data.count % 2 == 1 ? [0] : [])
        return Data(Array("RIFF".utf8) + le32(UInt32(4 + chunks.count)) + Array("WAVE".utf8) + chunks)
    }

    /// Silent mono MPEG-1 Layer III frames at 44100 Hz, 417 bytes each.
    private func mp3Frames(_ n: Int) -> [UInt8] {
        Array([[UInt8]](repeating: [0xFF, 0xFB, 0x90, 0xC0] + [UInt8](repeating: 0, count: 413), count: n).joined())
    }

    private func features(_ bytes: Data, _ name: String) throws -> (CLIResult, String) {
        let scratch = try ScratchDirectory("fuzz-regression")
        let file = scratch.path(name)
        try bytes.write(to: file)
        let result = try SoundLabCLI.run(["features", file.path, "--out", scratch.path("x.npy").path])
        expectNoCrash(result)
        return (result, file.path)
    }

    /// Was: "Fatal error: failed to allocate" (exit 134) from reserving fact × channels floats.
    @Test func mp3WhoseFactChunkClaimsFourBillionFramesIsOneErrorLine() throws {
        let bytes = wav(tag: 0x55, channels: 1, rate: 44100, bits: 0, blockAlign: 1,
                        extra: [("fact", le32(0xFFFF_FFF0))], data: mp3Frames(4))
        let (result, path) = try features(bytes, "fact.wav")
        #expect(result.status == 2)
        #expect(result.stderrLines == ["error: \(path): fact chunk declares 4294967280 frames, more than 1668 bytes of MP3 data can hold (74710 at 44100 Hz)"])
    }

    /// Was: the same abort, the reservation multiplied by a channel count of 65535.
    @Test func mp3WithSixtyFiveThousandChannelsIsOneErrorLine() throws {
        let (result, path) = try features(wav(tag: 0x55, channels: 65535, rate: 44100, bits: 0, blockAlign: 1, data: mp3Frames(4)), "ch.wav")
        #expect(result.status == 2)
        #expect(result.stderrLines == ["error: \(path): unsupported channel count 65535 (soundlab reads 1–64)"])
    }

    /// Was: 112 GB asked for after resampling a real 40 s clip whose header said 1 Hz.
    @Test func wavWhoseHeaderSaysOneHertzIsOneErrorLine() throws {
        let (result, path) = try features(wav(tag: 1, channels: 1, rate: 1, bits: 16, blockAlign: 2, data: [UInt8](repeating: 1, count: 80_000)), "1hz.wav")
        #expect(result.status == 2)
        #expect(result.stderrLines == ["error: \(path): sample rate 1 Hz is outside 1000–384000 Hz"])
    }

    /// Was: libmpg123's own "[src/libmpg123/format.c:...] error: Unable to set up output format!" line first.
    @Test func mp3AtARateItsStreamCannotGiveIsOneErrorLineWithoutLibmpg123sOwn() throws {
        let (result, path) = try features(wav(tag: 0x55, channels: 1, rate: 22050, bits: 0, blockAlign: 1, data: mp3Frames(4)), "rate.wav")
        #expect(result.status == 2)
        #expect(result.stderrLines == ["error: \(path): MP3 stream is 44100 Hz but the WAV header says 22050 Hz"])
    }

    /// Was: a billion-laughs file made `validate` grow without bound.
    @Test func billionLaughsIsRefusedByValidateInUnderASecond() throws {
        let scratch = try ScratchDirectory("fuzz-regression")
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1..<9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",") + "]") }
        let file = try scratch.write(lines.joined(separator: "\n") + "\n", to: "laughs.yaml")
        let started = Date()
        let result = try SoundLabCLI.run(["validate", file.path])
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(result.status == 2)
        #expect(result.stderrLines == ["\(file.path):5:38: YAML aliases expand this file past 100000 values (an alias bomb?); soundlab refuses it",
                                       "error: 1 of 1 experiment file invalid"])
    }

    /// Was: "Problems: none; the dataset is usable" over unreadable files and a Training/Test leak, exit 0.
    @Test func auditOfATreeWithAnUnreadableFileAndALeakExitsOneSayingBoth() throws {
        let scratch = try ScratchDirectory("fuzz-audit")
        let shipped = SoundLabCLI.packageRoot.appendingPathComponent("Animals_Sounds")
        let copies = [("Training/Cat/cat_1.wav", "Training/Cat/a.wav"), ("Training/Dog/dog_1.wav", "Training/Dog/a.wav"),
                      ("Test/Cat/cat_103.wav", "Test/Cat/a.wav"), ("Training/Dog/dog_1.wav", "Test/Dog/leak.wav")]
        for (from, to) in copies {
            let destination = scratch.path("ds/" + to)
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(from), to: destination)
        }
        try scratch.write("not audio\n", to: "ds/Training/Cat/bad.wav")
        let result = try SoundLabCLI.run(["audit", scratch.path("ds").path])
        expectNoCrash(result)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Undecodable files: 1\n  Training/Cat/bad.wav: not a WAV file (no RIFF/WAVE header)\n"))
        #expect(result.stdout.contains("  LEAK Test/Dog/leak.wav = Training/Dog/a.wav\n"))
        #expect(result.stdout.hasSuffix("""
            Problems: 2
              1 file cannot be decoded (listed under 'Undecodable files')
              1 duplicate group crosses Training/Test: the same clip is trained and tested on (marked LEAK)

            """))
        #expect(result.stderrLines == ["error: dataset not usable: 1 file cannot be decoded (listed under 'Undecodable files') (and 1 more)"])
    }
}
