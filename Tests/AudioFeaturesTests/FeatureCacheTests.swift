import AudioFeatures
import Foundation
import Testing

@Suite struct FeatureCacheTests {
    /// Two real clips copied into a temp dir, so the tests may modify them.
    private func workspace() throws -> (dir: URL, clips: [URL], cache: URL) {
        let dir = try temporaryDirectory("cache")
        var clips: [URL] = []
        for path in ["Training/Bird/Kus_22.wav", "Training/Dog/dog_184.wav"] {
            let dst = dir.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
            try FileManager.default.copyItem(at: datasetRoot.appendingPathComponent(path), to: dst)
            clips.append(dst)
        }
        return (dir, clips, dir.appendingPathComponent("cache"))
    }

    private func entries(_ cache: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mel" }.sorted { $0.path < $1.path }
    }

    @Test func cachedFeaturesEqualComputedOnesAndSurviveANewProcessView() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let extractor = try FeatureExtractor()
        let direct = try clips.map { extractor.features(try AudioDecoder.decode($0)) }
        let cold = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 2)
        #expect(try entries(cacheDir).count == 2)
        // A fresh cache object stands for the next run: it must read the memo and the entries.
        let warm = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        for i in 0..<2 {
            #expect(try cold[i].get() == direct[i])
            #expect(try warm[i].get() == direct[i])
        }
        #expect(FileManager.default.fileExists(atPath: cacheDir.appendingPathComponent("content-hashes.memo").path))
        let mel = try FeatureCache(directory: cacheDir).melDB(for: clips[0], using: extractor)
        let expected = try extractor.melDB(wave: extractor.wave(AudioDecoder.decode(clips[0])))
        #expect(mel == expected)
    }

    @Test func changingOneSettingOrOneFileInvalidatesExactlyItsEntries() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = FeatureCache(directory: cacheDir)
        _ = try cache.features(for: clips, settings: FeatureSettings(), threads: 1)
        let first = try entries(cacheDir)
        #expect(first.count == 2)

        // Normalisation and padding are applied on read: no new entries.
        var znone = FeatureSettings()
        znone.normalization = .none
        znone.maxFrames = 100
        _ = try cache.features(for: clips, settings: znone, threads: 1)
        #expect(try entries(cacheDir) == first)

        // One spectrogram setting: two new entries, old ones untouched.
        var fewerMels = FeatureSettings()
        fewerMels.nMels = 64
        let r = try cache.features(for: clips, settings: fewerMels, threads: 1)
        #expect(try r[0].get().mels == 64)
        #expect(try entries(cacheDir).count == 4)

        // Rewrite one clip (same size, new bytes): only that clip gets a new entry.
        var bytes = try Data(contentsOf: clips[1])
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: clips[1])
        let after = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        #expect(try entries(cacheDir).count == 5)
        let recomputed = try FeatureExtractor().features(AudioDecoder.decode(clips[1]))
        #expect(try after[1].get() == recomputed)
    }

    @Test func corruptOrTruncatedEntriesAreRecomputedNotTrusted() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let truth = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        let files = try entries(cacheDir)
        // Flip one payload bit in the first entry, truncate the second.
        var flipped = try Data(contentsOf: files[0])
        flipped[flipped.count / 2] ^= 0x10
        try flipped.write(to: files[0])
        let whole = try Data(contentsOf: files[1])
        try whole.prefix(whole.count - 7).write(to: files[1])
        let again = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        for i in 0..<2 { #expect(try again[i].get() == truth[i].get()) }
        // And the damaged entries were rewritten whole.
        #expect(try Data(contentsOf: files[1]).count == whole.count)
        // A damaged memo is ignored, not trusted.
        let memo = cacheDir.appendingPathComponent("content-hashes.memo")
        var text = try String(contentsOf: memo, encoding: .utf8)
        text = text.replacingOccurrences(of: "\t", with: "\t0", options: [], range: text.range(of: "\t"))
        try text.write(to: memo, atomically: true, encoding: .utf8)
        let third = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        for i in 0..<2 { #expect(try third[i].get() == truth[i].get()) }
    }

    @Test func twoThreadsWritingTheSameEntriesLeaveValidFiles() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Both workers get the same clips, in both orders: same keys written concurrently.
        let urls = Array(repeating: clips + clips.reversed(), count: 4).flatMap { $0 }
        let results = try FeatureCache(directory: cacheDir).features(for: urls, settings: FeatureSettings(), threads: 2)
        let expected = try clips.map { try FeatureExtractor().features(AudioDecoder.decode($0)) }
        for (url, r) in zip(urls, results) {
            #expect(try r.get() == expected[clips.firstIndex(of: url)!])
        }
        #expect(try entries(cacheDir).count == 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cacheDir.path).filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func batchReportsBadFilesPerFileWithoutStoppingTheOthers() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.wav")
        try Data("nope".utf8).write(to: bad)
        let r = try FeatureCache(directory: cacheDir).features(for: [clips[0], bad, dir.appendingPathComponent("gone.wav")],
                                                              settings: FeatureSettings(), threads: 2)
        #expect((try? r[0].get()) != nil)
        guard case .failure(let e1) = r[1], case .failure(let e2) = r[2] else { Issue.record("expected failures"); return }
        #expect(e1.description == "\(bad.path): not a WAV file (no RIFF/WAVE header)")
        #expect(e2.reason == "no such file")
    }

    @Test func invalidSettingsAreRejectedWithAReason() {
        var s = FeatureSettings()
        s.fmax = 9000
        #expect(throws: FeatureSettingsError.self) { try FeatureExtractor(settings: s) }
        s = FeatureSettings()
        s.nFFT = 1023
        #expect(throws: FeatureSettingsError.self) { try FeatureCache(directory: URL(fileURLWithPath: "/tmp")).features(for: [], settings: s) }
    }
}
