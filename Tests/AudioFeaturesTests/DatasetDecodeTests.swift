import AudioFeatures
import CSndFile
import Foundation
import Testing

@Suite struct DatasetDecodeTests {
    /// Every clip of the shipped dataset decodes; all but MP3-in-WAV match libsndfile sample for sample. (The clips
    /// `make noise` generates under Noise/synthetic are not shipped.)
    @Test func everyDatasetClipDecodesAndMatchesLibsndfile() throws {
        let generated = datasetRoot.appendingPathComponent("Noise/synthetic").standardizedFileURL.path + "/"
        let files = try #require(FileManager.default.enumerator(at: datasetRoot, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter(AudioDecoder.isAudioFile)
            .filter { !$0.standardizedFileURL.path.hasPrefix(generated) }
        #expect(files.count == 885)
        var encodings: [String: Int] = [:]
        var worst: Float = 0
        for url in files {
            let audio = try AudioDecoder.decode(url)
            encodings[audio.encoding, default: 0] += 1
            guard audio.encoding != "MP3 in WAV" else { continue }
            var info = SF_INFO()
            let handle = try #require(sf_open(url.path, Int32(SFM_READ), &info))
            defer { sf_close(handle) }
            let channels = Int(info.channels)
            var frames = [Float](repeating: 0, count: Int(info.frames) * channels)
            _ = frames.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, info.frames) }
            #expect(audio.samples.count == Int(info.frames), "\(url.lastPathComponent)")
            #expect(audio.channels == channels && audio.sampleRate == Int(info.samplerate))
            for i in 0..<min(audio.samples.count, Int(info.frames)) {
                var s = frames[i * channels]
                for c in 1..<channels { s += frames[i * channels + c] }
                worst = max(worst, abs(audio.samples[i] - (channels == 1 ? s : s / Float(channels))))
            }
        }
        print("dataset encodings: \(encodings.sorted { $0.key < $1.key }), max |ours - libsndfile| = \(worst)")
        #expect(worst == 0)
        #expect(encodings["MP3 in WAV"] == 56)
        #expect(encodings["A-law"] == 3)
    }

    /// libsndfile truncates this MP3-in-WAV clip to 45,378 frames; mpg123 cut to the fact chunk gives 51,215.
    @Test func mp3InWavIsCutToFactChunkNotTruncated() throws {
        let audio = try AudioDecoder.decode(datasetRoot.appendingPathComponent("Test/Cow/inek_22.wav"))
        #expect(audio.encoding == "MP3 in WAV")
        #expect(audio.samples.count == 51_215)
        #expect(audio.sampleRate > 0)
    }

    /// f7's fixture is libsndfile's shorter decode; ours is longer and agrees where they overlap, up to a shift.
    @Test func mp3InWavAgreesWithLibrosaWhereBothHaveAudio() throws {
        let audio = try AudioDecoder.decode(datasetRoot.appendingPathComponent("Training/Cow/inek_16.wav"))
        let theirs = try fixture("f7_mp3_in_wav_11k__wave_native")
        #expect(audio.samples.count == 11_049, "fact chunk length")
        #expect(audio.samples.count > theirs.count)
        var best = (shift: 0, err: Float.infinity)
        for shift in -2400...2400 {
            var err: Float = 0
            var count = 0
            for i in 0..<theirs.count {
                let j = i + shift
                if j < 0 || j >= audio.samples.count { continue }
                err = max(err, abs(audio.samples[j] - theirs[i]))
                count += 1
            }
            if count > theirs.count * 9 / 10 && err < best.err { best = (shift, err) }
        }
        print("f7 (MP3 in WAV): ours \(audio.samples.count) vs libsndfile \(theirs.count) samples, best shift \(best.shift), max abs error there \(best.err)")
        #expect(best.err <= 1e-4)
    }
}
