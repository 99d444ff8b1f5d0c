import AudioFeatures
import Crypto
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

    /// One stored entry: the file holding it (its own `.mel` file or a pack), where it starts, how long it is.
    private struct Entry: Equatable {
        var file: URL, offset: Int, length: Int, key: [UInt8]
    }

    /// Every complete entry in the cache folder, walking packs entry by entry as the cache does.
    private func entries(_ cache: URL) throws -> [Entry] {
        let packs = cache.appendingPathComponent("packs")
        let files = try FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mel" }
            + ((try? FileManager.default.contentsOfDirectory(at: packs, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "pack" }
        var out: [Entry] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let bytes = [UInt8](try Data(contentsOf: file))
            var offset = 0
            while offset + 48 <= bytes.count, Array(bytes[offset..<offset + 8]) == Array("SLMEL001".utf8) {
                func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[offset + at + $1]) << (8 * $1) } }
                let length = 48 + u32(8) * u32(12) * 4
                guard offset + length <= bytes.count else { break }
                out.append(Entry(file: file, offset: offset, length: length, key: Array(bytes[offset + 32..<offset + 48])))
                offset += length
            }
        }
        return out
    }

    @Test func cachedFeaturesEqualComputedOnesAndSurviveANewProcessView() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let extractor = try FeatureExtractor()
        let direct = try clips.map { extractor.features(try AudioDecoder.decode($0)) }
        let cold = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 2)
        let stored = try entries(cacheDir)
        #expect(stored.count == 2)
        // A batch appends to one pack per worker instead of creating a file per entry.
        #expect(stored.allSatisfy { $0.file.pathExtension == "pack" })
        #expect(Set(stored.map(\.file)).count <= 2)
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
        let stored = try entries(cacheDir)
        #expect(stored.count == 2)
        // One worker wrote both entries into one pack: flip a payload bit of the first, cut the second short.
        let pack = stored[0].file
        #expect(stored[1].file == pack && stored[1].offset == stored[0].length)
        var bytes = try Data(contentsOf: pack)
        bytes[stored[0].offset + stored[0].length / 2] ^= 0x10
        try bytes.prefix(bytes.count - 7).write(to: pack)
        let again = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        for i in 0..<2 { #expect(try again[i].get() == truth[i].get()) }
        // Both were recomputed and stored whole again; the next run finds them and adds nothing.
        let repaired = try entries(cacheDir)
        #expect(repaired.count == 3)
        #expect(Set(repaired.map(\.key)) == Set(stored.map(\.key)))
        _ = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        #expect(try entries(cacheDir) == repaired)
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
        // Both workers may have computed a clip at the same moment; what matters is that every
        // stored entry is complete and there are no others.
        #expect(Set(try entries(cacheDir).map(\.key)).count == 2)
        let again = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 2)
        for (clip, r) in zip(clips, again) { #expect(try r.get() == expected[clips.firstIndex(of: clip)!]) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cacheDir.path).filter { $0.hasPrefix(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// The dataset has 42 groups of byte-identical files. Copies have the same size, so the largest-first queue
    /// hands them to both workers at once; each group must still be computed (and stored) once, and a copy of a
    /// bad file must fail under its own name.
    @Test func byteIdenticalFilesInOneBatchAreComputedOnce() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The largest clip first, four times under four names: both workers start on a copy.
        let big = try #require(clips.max { try! Data(contentsOf: $0).count < Data(contentsOf: $1).count })
        var copies: [URL] = []
        for n in 1...3 {
            let copy = dir.appendingPathComponent("copy\(n).wav")
            try FileManager.default.copyItem(at: big, to: copy)
            copies.append(copy)
        }
        let bad = dir.appendingPathComponent("bad.wav"), badCopy = dir.appendingPathComponent("bad-copy.wav")
        try Data("RIFF\u{4}\0\0\0WAVE".utf8).write(to: bad)
        try Data("RIFF\u{4}\0\0\0WAVE".utf8).write(to: badCopy)
        let urls = [big] + copies + clips.filter { $0 != big } + [bad, badCopy]
        let results = try FeatureCache(directory: cacheDir).features(for: urls, settings: FeatureSettings(), threads: 2)
        #expect(try entries(cacheDir).count == 2)
        let expected = try FeatureExtractor().features(AudioDecoder.decode(big))
        for r in results.prefix(4) { #expect(try r.get() == expected) }
        guard case .failure(let e1) = results[5], case .failure(let e2) = results[6] else {
            Issue.record("expected failures"); return
        }
        #expect(e1.path == bad.path && e2.path == badCopy.path)
        #expect(e1.reason == e2.reason)
    }

    /// The streaming batch hands every item over exactly once (copies of a file included, after the workers
    /// finish), with the result the collecting batch gives for it.
    @Test func streamingBatchHandsEveryItemOverOnceWithTheSameResult() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("copy.wav")
        try FileManager.default.copyItem(at: clips[0], to: copy)
        let bad = dir.appendingPathComponent("bad.wav")
        try Data("nope".utf8).write(to: bad)
        let urls = [clips[0], copy, bad, clips[1], copy, dir.appendingPathComponent("gone.wav")]
        let lock = NSLock()
        var seen: [Int: [Result<Features, AudioDecodeError>]] = [:]
        try FeatureCache(directory: cacheDir).features(for: urls, settings: FeatureSettings(), threads: 2) { i, result in
            lock.lock(); defer { lock.unlock() }
            seen[i, default: []].append(result)
        }
        let collected = try FeatureCache(directory: dir.appendingPathComponent("other"))
            .features(for: urls, settings: FeatureSettings(), threads: 1)
        #expect(seen.keys.sorted() == Array(urls.indices))
        for i in urls.indices {
            #expect(seen[i]?.count == 1, "item \(i) handed over \(seen[i]?.count ?? 0) times")
            switch (seen[i]?.first, collected[i]) {
            case (.success(let a)?, .success(let b)): #expect(a == b, "item \(i)")
            case (.failure(let a)?, .failure(let b)): #expect(a.description == b.description, "item \(i)")
            default: Issue.record("item \(i): streamed and collected results differ in kind")
            }
        }
    }

    /// Prune keeps one verified entry per wanted key, in one pack; duplicates (a copied pack), entries of other
    /// settings (a single lookup's own `.mel` file) and a damaged tail go; what is kept is still found.
    @Test func pruneKeepsOneVerifiedEntryPerWantedKeyAndRemovesTheRest() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let wanted = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        let packs = cacheDir.appendingPathComponent("packs")
        let pack = try #require(try FileManager.default.contentsOfDirectory(atPath: packs.path).first)
        var copy = try Data(contentsOf: packs.appendingPathComponent(pack))
        copy.append(contentsOf: [UInt8](repeating: 7, count: 100))  // a cut-off entry after two good ones
        try copy.write(to: packs.appendingPathComponent("copy.pack"))
        var fewer = FeatureSettings()
        fewer.nMels = 64
        _ = try FeatureCache(directory: cacheDir).features(for: clips[0], using: FeatureExtractor(settings: fewer))
        #expect(try entries(cacheDir).count == 5)

        let dry = try FeatureCache(directory: cacheDir).prune(keeping: [(clips, FeatureSettings())], dryRun: true)
        #expect(dry.keptEntries == 2 && dry.removedEntries == 3)
        #expect(try entries(cacheDir).count == 5)
        let report = try FeatureCache(directory: cacheDir).prune(keeping: [(clips, FeatureSettings())])
        #expect(report == dry)
        #expect(report.removedBytes == dry.removedBytes && report.removedBytes > 100)
        let left = try entries(cacheDir)
        #expect(left.count == 2 && Set(left.map(\.file)).count == 1 && left[0].file.pathExtension == "pack")
        // Found again without computing anything (nothing is appended).
        let again = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 2)
        for i in clips.indices { #expect(try again[i].get() == wanted[i].get()) }
        #expect(try entries(cacheDir) == left)
    }

    @Test func resultsDoNotDependOnThreadCountOrSchedulingOrder() throws {
        // Clips of several rates and sizes, so the largest-first queue reorders them and both workers get some.
        let paths = ["Training/Bird/Kus_22.wav", "Training/Cow/inek_53.wav", "Training/Lion/aslan_26.wav",
                     "Training/Dog/dog_184.wav", "Training/Cat/cat_112.wav", "Training/Cow/inek_53.wav"]
        let urls = paths.map { datasetRoot.appendingPathComponent($0) }
        let dir = try temporaryDirectory("threads")
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = try FeatureCache(directory: dir.appendingPathComponent("one")).features(for: urls, settings: FeatureSettings(), threads: 1)
        let two = try FeatureCache(directory: dir.appendingPathComponent("two")).features(for: urls, settings: FeatureSettings(), threads: 2)
        let extractor = try FeatureExtractor()
        for (i, url) in urls.enumerated() {
            let direct = extractor.features(try AudioDecoder.decode(url))
            #expect(try one[i].get() == direct, "\(paths[i])")
            #expect(try two[i].get() == direct, "\(paths[i])")
        }
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

    /// A batch worker reads into a buffer until end of file: a FIFO or a folder named .wav must be refused at
    /// once (a FIFO would block, a device could be endless), the rest of the batch carrying on.
    @Test func folderOrFIFONamedWavIsRefusedNotReadForever() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("folder.wav")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("pipe.wav")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let r = try FeatureCache(directory: cacheDir).features(for: [folder, fifo, clips[1]], settings: FeatureSettings(), threads: 1)
        guard case .failure(let e1) = r[0], case .failure(let e2) = r[1] else { Issue.record("expected failures"); return }
        #expect(e1.reason == "cannot read (is a directory)")
        #expect(e2.reason == "cannot read (not a regular file)")
        #expect((try? r[2].get()) != nil)
    }

    /// The content hash is XXH3-128 of the file's bytes (pinned against the reference implementation), the same
    /// whether a batch worker read the file into its reused buffer or a single lookup read it, and a worker's
    /// buffer growing for a 3.5 MB clip and then holding a small one changes no result.
    @Test func contentHashIsXXH3OfTheBytesAndTheWorkersReadBufferChangesNothing() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("abc.wav")
        try Data("abc".utf8).write(to: text)
        let big = dir.appendingPathComponent("Kus_188.wav")
        try FileManager.default.copyItem(at: datasetRoot.appendingPathComponent("Training/Bird/Kus_188.wav"), to: big)
        let cache = FeatureCache(directory: cacheDir)
        let batch = try cache.features(for: [big, text, clips[0], big, clips[1]], settings: FeatureSettings(), threads: 1)
        #expect(throws: AudioDecodeError.self) { try batch[1].get() }
        // Learned by the batch worker (memo), then computed afresh from Data(contentsOf:) by a second cache.
        #expect(try cache.contentHash(of: text) == "06b05ab6733a618578af5f94892f3950")
        let fresh = FeatureCache(directory: dir.appendingPathComponent("other"))
        #expect(try fresh.contentHash(of: text) == "06b05ab6733a618578af5f94892f3950")
        #expect(try fresh.contentHash(of: big) == cache.contentHash(of: big))
        let extractor = try FeatureExtractor()
        for (i, url) in [(0, big), (2, clips[0]), (3, big), (4, clips[1])] {
            #expect(try batch[i].get() == extractor.features(try AudioDecoder.decode(url)))
        }
    }

    /// Mono 16-bit PCM skips the decoder's float copy (soxr reads the integers when it resamples, the STFT windows
    /// them when the clip is already at 16 kHz); either must give the decoder's bits, and every other layout
    /// (stereo, odd data length) still decodes.
    @Test func mono16BitClipsReadAsIntegersEqualTheDecodedPath() throws {
        let dir = try temporaryDirectory("pcm16")
        defer { try? FileManager.default.removeItem(at: dir) }
        var s: UInt64 = 7
        let samples: [Int16] = (0..<30_001).map { i in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Int16(truncatingIfNeeded: Int(12_000 * sin(Double(i) * 0.031)) + Int(s >> 52) - 2048)
        }
        let cases: [(String, Data)] = [
            ("mono22050.wav", wavBytes(formatTag: 1, channels: 1, sampleRate: 22050, bitsPerSample: 16, payload: int16Payload(samples))),
            ("mono8000.wav", wavBytes(formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, payload: int16Payload(samples))),
            ("stereo44100.wav", wavBytes(formatTag: 1, channels: 2, sampleRate: 44100, bitsPerSample: 16, payload: int16Payload(samples + [0]))),
            ("mono16000.wav", wavBytes(formatTag: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16, payload: int16Payload(samples))),
            ("odd.wav", wavBytes(formatTag: 1, channels: 1, sampleRate: 11025, bitsPerSample: 16, payload: int16Payload(samples) + [7])),
        ]
        var urls: [URL] = []
        for (name, bytes) in cases {
            urls.append(dir.appendingPathComponent(name))
            try bytes.write(to: urls.last!)
        }
        let batch = try FeatureCache(directory: dir.appendingPathComponent("cache")).features(for: urls, settings: FeatureSettings(), threads: 1)
        let single = FeatureCache(directory: dir.appendingPathComponent("single"))
        let extractor = try FeatureExtractor()
        for (i, url) in urls.enumerated() {
            let decoded = extractor.features(try AudioDecoder.decode(url))
            #expect(try batch[i].get() == decoded, "\(url.lastPathComponent)")
            #expect(try single.features(for: url, using: extractor) == decoded, "\(url.lastPathComponent)")
        }
    }

    /// A sealed memo is read back field by field and trusted while the file's identity holds (a digest planted
    /// in it is what the next run believes), and dropped for a file whose identity changed.
    @Test func memoIsReadBackAndTrustedOnlyWhileTheFileIsUnchanged() throws {
        let (dir, clips, cacheDir) = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = try FeatureCache(directory: cacheDir).contentHash(of: clips[0])
        _ = try FeatureCache(directory: cacheDir).features(for: clips, settings: FeatureSettings(), threads: 1)
        let memo = cacheDir.appendingPathComponent("content-hashes.memo")
        let text = try String(contentsOf: memo, encoding: .utf8)
        let body = String(text[..<text.range(of: "sum\t", options: .backwards)!.lowerBound])
        #expect(body.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 3)  // header + two clips
        let planted = "00112233445566778899aabbccddeeff"
        let forged = body.replacingOccurrences(of: real, with: planted)
        #expect(forged != body)
        let seal = SHA256.hash(data: Data(forged.utf8)).map { String(format: "%02x", $0) }.joined()
        try (forged + "sum\t" + seal + "\n").write(to: memo, atomically: true, encoding: .utf8)
        #expect(try FeatureCache(directory: cacheDir).contentHash(of: clips[0]) == planted)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)],
                                              ofItemAtPath: clips[0].path)
        #expect(try FeatureCache(directory: cacheDir).contentHash(of: clips[0]) == real)
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
