import Experiment
import Foundation
import Testing

/// Training/Test with Cat and Dog, a few clips of known length, plus one noise kind.
private func smallDataset() throws -> TempDataset {
    let ds = try TempDataset()
    try ds.write("Training/Cat/a.wav", pcm16Wav(frames: 8_000, sampleRate: 16_000, seed: 1))   // 0.5 s
    try ds.write("Training/Cat/b.wav", pcm16Wav(frames: 16_000, sampleRate: 16_000, seed: 2))  // 1.0 s
    try ds.write("Training/Cat/c.wav", pcm16Wav(frames: 12_000, sampleRate: 8_000, seed: 3))   // 1.5 s
    try ds.write("Training/Cat/d.wav", pcm16Wav(frames: 32_000, sampleRate: 8_000, seed: 4))   // 4.0 s
    try ds.write("Training/Dog/a.wav", pcm16Wav(frames: 4_000, sampleRate: 16_000, seed: 5))   // 0.25 s
    try ds.write("Test/Cat/a.wav", pcm16Wav(frames: 16_000, sampleRate: 16_000, seed: 6))
    try ds.write("Test/Dog/a.wav", pcm16Wav(frames: 16_000, sampleRate: 16_000, seed: 7))
    try ds.write("Noise/wind/w.wav", pcm16Wav(frames: 32_000, sampleRate: 16_000, seed: 8))    // 2.0 s
    return ds
}

@Test func auditCountsClipsAndDurationsPerClass() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))

    #expect(audit.totalClips == 7)
    #expect(audit.noiseClips == 1)
    #expect(audit.classNames == ["Cat", "Dog"])
    let cat = audit.splits[0].classes[0]
    #expect(cat.name == "Cat" && cat.clips == 4 && cat.decoded == 4)
    #expect(cat.seconds == DurationStats([0.5, 1.0, 1.5, 4.0]))
    #expect(cat.seconds?.total == 7.0)
    #expect(cat.seconds?.min == 0.5)
    #expect(cat.seconds?.median == 1.25)
    #expect(cat.seconds?.max == 4.0)
    #expect(cat.sampleRates == [8_000, 16_000])
    #expect(cat.channels == [1])
    #expect(cat.encodings.count == 1)
    #expect(audit.splits[0].total.clips == 5)
    #expect(audit.splits[0].total.seconds?.total == 7.25)
    #expect(audit.splits[0].total.seconds?.median == 1.0)
    #expect(audit.splits.map(\.total.clips) == [5, 2])
    #expect(audit.noise.map(\.name) == ["wind"])
    #expect(audit.noise[0].seconds?.total == 2.0)
    #expect(audit.undecodable.isEmpty)
    #expect(audit.duplicateGroups.isEmpty)
    #expect(audit.usable && audit.problems.isEmpty)
}

@Test func durationMedianOfOddAndEvenCounts() {
    #expect(DurationStats([3, 1, 2])?.median == 2)
    #expect(DurationStats([4, 1, 3, 2])?.median == 2.5)
    #expect(DurationStats([]) == nil)
}

@Test func undecodableFilesAreListedWithTheirReasonAndTheAuditCarriesOn() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    try ds.write("Training/Cat/text.wav", Data("this is not a wave file, just text\n".utf8))
    try ds.write("Test/Dog/empty.wav", Data())

    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(audit.undecodable.map(\.file) == ["Test/Dog/empty.wav", "Training/Cat/text.wav"])
    #expect(audit.undecodable.allSatisfy { !$0.reason.isEmpty && !$0.reason.contains("\n") })
    #expect(audit.totalClips == 9)
    let cat = audit.splits[0].classes[0]
    #expect(cat.clips == 5 && cat.decoded == 4)
    #expect(cat.seconds?.total == 7.0)
    #expect(audit.splits[1].classes[1].clips == 2 && audit.splits[1].classes[1].decoded == 1)
    #expect(audit.table().contains("Training/Cat/text.wav: "))
}

/// An audit once said "Problems: none; the dataset is usable" over 431 unreadable files: a file training or
/// evaluation cannot read is a problem, and the exit status says so.
@Test func undecodableFilesMakeTheDatasetUnusable() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    try ds.write("Training/Cat/text.wav", Data("this is not a wave file, just text\n".utf8))
    try ds.write("Test/Dog/empty.wav", Data())
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(!audit.usable)
    #expect(audit.problems == ["2 files cannot be decoded (listed under 'Undecodable files')"])
    #expect(audit.table().hasSuffix("Problems: 1\n  2 files cannot be decoded (listed under 'Undecodable files')\n"))
}

/// A FIFO named like a clip used to block the audit forever in its read; it is listed with its reason instead.
@Test func fifoNamedWavIsListedNotWaitedOn() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    let fifo = ds.root.appendingPathComponent("Training/Dog/pipe.wav")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(audit.undecodable.map(\.file) == ["Training/Dog/pipe.wav"])
    #expect(audit.undecodable.first?.reason == "cannot read (not a regular file)")
    #expect(audit.problems == ["1 file cannot be decoded (listed under 'Undecodable files')"])
}

@Test func classWithNoDecodableFileMakesTheDatasetUnusable() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    try ds.write("Training/Owl/bad.wav", Data("nope".utf8))
    try ds.write("Test/Owl/empty.wav", Data())

    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(!audit.usable)
    #expect(audit.problems == [
        "class 'Owl' in Training has no decodable audio file",
        "class 'Owl' in Test has no decodable audio file",
        "2 files cannot be decoded (listed under 'Undecodable files')",
    ])
    #expect(audit.splits[0].classes[2].seconds == nil)
}

@Test func listingProblemsCarryIntoTheAudit() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    try ds.folder("Test/Owl")
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(!audit.usable)
    #expect(audit.problems.count == 2)
    #expect(audit.problems[0] == "class 'Owl' is in Test but missing from Training")
    #expect(audit.problems[1].hasPrefix("class 'Owl' in Test has no audio files: "))
    #expect(audit.table().contains("Problems: 2"))
}

@Test func duplicateCrossingTheSplitIsFlaggedAsLeakage() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    let clip = pcm16Wav(frames: 800, seed: 42)
    try ds.write("Training/Dog/x.wav", clip)
    try ds.write("Test/Dog/copy.wav", clip)
    try ds.write("Training/Cat/same1.wav", pcm16Wav(frames: 900, seed: 43))
    try ds.write("Training/Dog/same2.wav", pcm16Wav(frames: 900, seed: 43))
    try ds.write("Training/Dog/same3.wav", pcm16Wav(frames: 900, seed: 43))

    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(audit.duplicateGroups.map(\.files) == [
        ["Test/Dog/copy.wav", "Training/Dog/x.wav"],
        ["Training/Cat/same1.wav", "Training/Dog/same2.wav", "Training/Dog/same3.wav"],
    ])
    #expect(audit.duplicateGroups.map(\.crossesSplits) == [true, false])
    #expect(audit.duplicateGroups[0].folders == ["Training", "Test"])
    #expect(audit.crossSplitDuplicateGroups == 1)
    #expect(audit.duplicateGroups[0].sha256.count == 64)
    let table = audit.table()
    #expect(table.contains("Duplicate groups (identical bytes): 2 (5 files), 1 crossing Training/Test"))
    #expect(table.contains("LEAK Test/Dog/copy.wav = Training/Dog/x.wav"))
    #expect(!audit.usable)
    #expect(audit.problems == ["1 duplicate group crosses Training/Test: the same clip is trained and tested on (marked LEAK)"])
    #expect(!table.contains("same1.wav"))
    #expect(audit.table(listAllDuplicates: true).contains("Training/Cat/same1.wav = Training/Dog/same2.wav"))
}

@Test func auditDoesNotDependOnThreadCount() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    for i in 0..<20 { try ds.write("Training/Dog/n\(i).wav", pcm16Wav(frames: 100 * (i + 1), seed: i % 3 + 100)) }
    try ds.write("Test/Cat/bad.wav", Data("bad".utf8))
    let listing = try DatasetListing.scan(ds.root)
    let one = DatasetAudit.run(listing, threads: 1)
    #expect(one == DatasetAudit.run(listing, threads: 2))
    #expect(one == DatasetAudit.run(listing, threads: 5))
    #expect(try one.json() == (try DatasetAudit.run(listing, threads: 3).json()))
}

@Test func auditJSONHasStableKeysAndRoundTrips() throws {
    let ds = try smallDataset(); defer { ds.remove() }
    try ds.write("Training/Owl/bad.wav", Data("nope".utf8))
    try ds.write("Test/Owl/bad.wav", Data("nope!".utf8))
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    let data = try audit.json()
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["root", "classNames", "splits", "noise", "totalClips", "noiseClips", "undecodable",
                                 "duplicateGroups", "crossSplitDuplicateGroups", "recordings", "confounds", "warnings",
                                 "problems", "usable"])
    let splits = try #require(object["splits"] as? [[String: Any]])
    let owl = try #require((splits[0]["classes"] as? [[String: Any]])?[2])
    #expect(Set(owl.keys) == ["name", "clips", "decoded", "seconds", "bandwidthHz", "rates", "sampleRates", "channels",
                              "encodings"])
    #expect(owl["seconds"] is NSNull)
    #expect(owl["bandwidthHz"] is NSNull)
    let recording = try #require((object["recordings"] as? [[String: Any]])?.first)
    #expect(Set(recording.keys) == ["file", "split", "className", "sampleRate", "channels", "encoding", "seconds",
                                    "bandwidthHz"])
    let confounds = try #require(object["confounds"] as? [[String: Any]])
    #expect(confounds.map { $0["property"] as? String } == ["sampleRate", "channels", "encoding", "duration", "bandwidth"])
    #expect(Set(confounds[0].keys) == ["property", "bins", "balancedAccuracy", "chance", "cramersV", "recall", "warns"])
    // Owl has no decodable Training clip: its recall slot is null, not missing.
    #expect((confounds[0]["recall"] as? [Any])?.count == 3)
    #expect((confounds[0]["recall"] as? [Any])?[2] is NSNull)
    #expect(try JSONDecoder().decode(DatasetAudit.self, from: data) == audit)
}
