import Experiment
import Foundation
import Testing

@Test func listingSortsClassesAndFilesAndLabelsByClassIndex() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    for split in ["Training", "Test"] {
        try ds.write("\(split)/Dog/b.wav", pcm16Wav(frames: 10))
        try ds.write("\(split)/Dog/a.WAV", pcm16Wav(frames: 10, seed: 1))
        try ds.write("\(split)/Cat/z.wav", pcm16Wav(frames: 10, seed: 2))
    }
    try ds.write("Training/Dog/notes.txt", Data("not audio".utf8))
    try ds.write("Training/Dog/.hidden.wav", pcm16Wav(frames: 10))
    try ds.write("Training/stray.wav", pcm16Wav(frames: 10))
    try ds.write("Noise/wind/w1.wav", pcm16Wav(frames: 10, seed: 3))
    try ds.write("Noise/rain/r1.wav", pcm16Wav(frames: 10, seed: 4))
    try ds.write("Noise/rain/r2.wav", pcm16Wav(frames: 10, seed: 5))

    let listing = try DatasetListing.scan(ds.root)
    #expect(listing.classNames == ["Cat", "Dog"])
    #expect(listing.label(of: "Dog") == 1)
    #expect(listing.splits.map(\.name) == ["Training", "Test"])
    let training = try #require(listing.split(named: "Training"))
    #expect(training.classes.map(\.name) == ["Cat", "Dog"])
    #expect(training.class(named: "Dog")?.files.map(\.relativePath) == ["Training/Dog/a.WAV", "Training/Dog/b.wav"])
    #expect(training.examples.map(\.label) == [0, 1, 1])
    #expect(training.examples.map(\.file.url.lastPathComponent) == ["z.wav", "a.WAV", "b.wav"])
    #expect(listing.fileCount == 6)
    #expect(listing.noise.map(\.name) == ["rain", "wind"])
    #expect(listing.noiseFileCount == 3)
    #expect(listing.problems.isEmpty)
    try listing.requireComplete()
}

@Test func listingIsTheSameOnARescan() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    for (i, name) in ["c", "a", "b", "10", "9"].enumerated() {
        try ds.write("Training/Owl/\(name).wav", pcm16Wav(frames: 4, seed: i))
        try ds.write("Test/Owl/\(name).wav", pcm16Wav(frames: 4, seed: i + 10))
    }
    let first = try DatasetListing.scan(ds.root)
    #expect(first == (try DatasetListing.scan(ds.root)))
    #expect(first.splits[0].classes[0].files.map(\.url.lastPathComponent) == ["10.wav", "9.wav", "a.wav", "b.wav", "c.wav"])
}

@Test func missingDatasetFolderIsAnErrorNamingIt() throws {
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-no-such-\(UUID().uuidString)")
    #expect(throws: DatasetError.missingFolder(path: missing.path)) { try DatasetListing.scan(missing) }
    let message = DatasetError.missingFolder(path: missing.path).description
    #expect(message.contains(missing.path) && !message.contains("\n"))
}

@Test func missingSplitFolderIsAnError() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    try ds.write("Training/Cat/a.wav", pcm16Wav(frames: 10))
    let test = ds.root.appendingPathComponent("Test").standardizedFileURL.path
    #expect(throws: DatasetError.missingFolder(path: test)) { try DatasetListing.scan(ds.root) }
}

@Test func splitWithoutClassFoldersIsAnError() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    try ds.write("Training/Cat/a.wav", pcm16Wav(frames: 10))
    try ds.write("Test/loose.wav", pcm16Wav(frames: 10))
    let test = ds.root.appendingPathComponent("Test").standardizedFileURL.path
    #expect(throws: DatasetError.noClassFolders(path: test)) { try DatasetListing.scan(ds.root) }
}

@Test func emptyClassIsAProblemThatTrainingRefuses() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    try ds.write("Training/Cat/a.wav", pcm16Wav(frames: 10))
    try ds.write("Test/Cat/b.wav", pcm16Wav(frames: 10, seed: 1))
    try ds.write("Training/Dog/a.wav", pcm16Wav(frames: 10, seed: 2))
    try ds.write("Test/Dog/readme.txt", Data("no audio here".utf8))

    let listing = try DatasetListing.scan(ds.root)
    let folder = ds.root.appendingPathComponent("Test/Dog").standardizedFileURL.path
    #expect(listing.problems == [.emptyClass(split: "Test", className: "Dog", path: folder)])
    #expect(listing.split(named: "Test")?.class(named: "Dog")?.files.isEmpty == true)
    #expect(throws: DatasetError.emptyClass(split: "Test", className: "Dog", path: folder)) {
        try listing.requireComplete()
    }
}

@Test func classInOneSplitOnlyKeepsItsLabelAndIsAProblem() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    try ds.write("Training/Cat/a.wav", pcm16Wav(frames: 10))
    try ds.write("Training/Lion/a.wav", pcm16Wav(frames: 10, seed: 1))
    try ds.write("Test/Cat/b.wav", pcm16Wav(frames: 10, seed: 2))
    try ds.write("Test/Yak/b.wav", pcm16Wav(frames: 10, seed: 3))

    let listing = try DatasetListing.scan(ds.root)
    #expect(listing.classNames == ["Cat", "Lion", "Yak"])
    #expect(listing.split(named: "Test")?.classes.map(\.label) == [0, 2])
    #expect(listing.problems == [
        .classMissingFromSplit(className: "Yak", split: "Training", presentIn: ["Test"]),
        .classMissingFromSplit(className: "Lion", split: "Test", presentIn: ["Training"]),
    ])
    #expect(listing.problems[1].description == "class 'Lion' is in Training but missing from Test")
}

@Test func splitNamesComeFromTheLayout() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    try ds.write("train/Cat/a.wav", pcm16Wav(frames: 10))
    try ds.write("val/Cat/b.wav", pcm16Wav(frames: 10, seed: 1))
    try ds.write("test/Cat/c.wav", pcm16Wav(frames: 10, seed: 2))
    let listing = try DatasetListing.scan(ds.root, layout: DatasetLayout(splits: ["train", "val", "test"]))
    #expect(listing.splits.map(\.name) == ["train", "val", "test"])
    #expect(listing.splits.map(\.fileCount) == [1, 1, 1])
    #expect(listing.noise.isEmpty)
}

@Test func nestedNoiseFoldersAreKindsNamedByTheirPathAndNeverClasses() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    for split in ["Training", "Test"] { try ds.write("\(split)/Cat/a.wav", pcm16Wav(frames: 10, seed: split.count)) }
    try ds.write("Noise/wind/w1.wav", pcm16Wav(frames: 10, seed: 3))
    try ds.write("Noise/synthetic/rain/rain-1.wav", pcm16Wav(frames: 10, seed: 4))
    try ds.write("Noise/synthetic/rain/rain-2.wav", pcm16Wav(frames: 10, seed: 5))
    try ds.write("Noise/synthetic/hum/hum-1.wav", pcm16Wav(frames: 10, seed: 6))
    try ds.folder("Noise/synthetic/.tmp-noise-1-x/rain")  // an interrupted `soundlab noise`: hidden, skipped
    try ds.folder("Noise/empty")

    let listing = try DatasetListing.scan(ds.root)
    // `synthetic` only groups kinds; `empty` is a kind with nothing in it, as before.
    #expect(listing.noise.map(\.name) == ["empty", "synthetic/hum", "synthetic/rain", "wind"])
    #expect(listing.noise.map(\.files.count) == [0, 1, 2, 1])
    #expect(listing.noise[2].files.map(\.relativePath) == ["Noise/synthetic/rain/rain-1.wav", "Noise/synthetic/rain/rain-2.wav"])
    #expect(listing.noiseFileCount == 4)
    #expect(listing.classNames == ["Cat"])
    #expect(listing.fileCount == 2)
    #expect(listing.problems.isEmpty)

    let table = DatasetAudit.run(listing).table()
    #expect(table.contains("2 clips in 1 class (Training 1, Test 1); 4 noise clips"))
    #expect(table.split(separator: "\n").contains { $0.hasPrefix("noise     synthetic/rain ") && $0.contains(" 2 ") })
}
