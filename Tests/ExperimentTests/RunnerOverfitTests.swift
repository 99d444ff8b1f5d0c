import Experiment
import RunStore
import Foundation
import Testing

/// A dataset of symlinks to the first `perClass` real clips of `classes` in Animals_Sounds/Training, with the
/// Test and Noise folders the config requires.
func realClipDataset(classes: [String], perClass: Int) throws -> URL {
    let fm = FileManager.default
    let shipped = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("Animals_Sounds")
    let root = fm.temporaryDirectory.appendingPathComponent("soundlab-overfit-\(UUID().uuidString)")
    func link(_ source: URL, _ path: String) throws {
        let destination = root.appendingPathComponent(path)
        try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: destination, withDestinationURL: source)
    }
    for name in classes {
        let folder = shipped.appendingPathComponent("Training/\(name)")
        let clips = try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".wav") }.sorted()
        try #require(clips.count >= perClass + 1, "Animals_Sounds/Training/\(name) has \(clips.count) clips")
        for clip in clips.prefix(perClass) { try link(folder.appendingPathComponent(clip), "Training/\(name)/\(clip)") }
        try link(folder.appendingPathComponent(clips[perClass]), "Test/\(name)/\(clips[perClass])")
    }
    let noise = shipped.appendingPathComponent("Noise/wind")
    let wind = try #require(try fm.contentsOfDirectory(atPath: noise.path).filter { $0.hasSuffix(".wav") }.sorted().first)
    try link(noise.appendingPathComponent(wind), "Noise/wind/\(wind)")
    return root
}

/// A small 1D-CNN on 32 real clips (4 classes × 8) memorises them: 100% training accuracy within 25 epochs, and
/// the trained model (in evaluation mode) classifies every training clip correctly. The config lives in a temp dir
/// and names its data by an absolute path, so it also pins that an absolute `data.root` is found.
@Test func runnerOverfitsThirtyTwoRealClips() throws {
    let data = try realClipDataset(classes: ["Cat", "Dog", "Frog", "Lion"], perClass: 8)
    defer { try? FileManager.default.removeItem(at: data) }
    let file = data.appendingPathComponent("overfit.yaml")
    try """
        name: overfit
        seed: 3
        data: {root: \(data.path), validation_fraction: 0}
        features: {max_frames: 64}
        model:
          layers:
            - {type: conv1d, filters: 32, kernel_size: 3, activation: relu}
            - {type: max_pool1d, pool_size: 2}
            - {type: conv1d, filters: 32, kernel_size: 3, activation: relu}
            - {type: max_pool1d, pool_size: 2}
            - {type: flatten}
            - {type: dense, units: 64, activation: relu}
            - {type: dense, units: classes, activation: softmax}
        train: {epochs: 25, batch_size: 8, optimizer: {type: adam, lr: 1.0e-3}}
        evaluate:
          sets: [{name: train, path: Training}]

        """.write(to: file, atomically: true, encoding: .utf8)

    var options = ExperimentRunner.Options()
    options.runsDirectory = data.appendingPathComponent("runs")
    options.cacheDirectory = data.appendingPathComponent("cache")
    var accuracies: [Double] = []
    let outcomes = try ExperimentRunner.run(path: file.path, options: options) { event in
        if case .training(.epoch(let record, _)) = event { accuracies.append(record.accuracy) }
    }
    #expect(outcomes.count == 1)
    guard let outcome = outcomes.first, case .finished(let folder, let rows) = outcome else {
        Issue.record("expected one finished run, got \(outcomes)")
        return
    }
    #expect(accuracies.count == 25)
    let first = try #require(accuracies.firstIndex(of: 1.0), "never reached 100%: \(accuracies)")
    #expect(first < 25)
    // It started from chance, so the 100% is learnt, not a constant.
    #expect(accuracies[0] < 0.75, "\(accuracies)")
    #expect(rows.count == 1)
    #expect(rows[0].accuracy == 1.0)
    #expect(rows[0].macroF1 == 1.0)
    let confusion = try String(contentsOf: folder.appendingPathComponent("metrics/confusion_matrix.csv"), encoding: .utf8)
    #expect(confusion.contains("Cat,8,0,0,0"), "\(confusion)")
    // split.csv names every clip once: the 32 training clips (nothing held out) and the "train" evaluation set.
    let split = try SplitRow.parse(String(contentsOf: folder.appendingPathComponent("split.csv"), encoding: .utf8), path: "split.csv")
    #expect(split.filter { $0.subset == "train" }.count == 32 * 2)
    #expect(Set(split.map(\.file)).count == 32)
    #expect(split.allSatisfy { $0.file.hasPrefix("Training/\($0.label)/") })
    let labels = try String(contentsOf: folder.appendingPathComponent("labels.json"), encoding: .utf8)
    #expect(["Cat", "Dog", "Frog", "Lion"].allSatisfy { labels.contains($0) })
}
