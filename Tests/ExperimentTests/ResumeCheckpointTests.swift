import Experiment
import Foundation
import NN
import TensorCore
import Testing

/// The epochs recorded in the checkpoint in `directory`, nil when there is none.
private func checkpointedEpochs(_ directory: URL) throws -> Int? {
    let url = directory.appendingPathComponent("checkpoint.safetensors")
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    let json = try #require(try SafetensorsFile.read(from: url).metadata["progress"])
    let progress = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    return progress["epochs"] as? Int
}

private func tinyTraining(epochs: Int, everyEpochs: Int = 1) throws -> (Trainer, InMemoryExamples, InMemoryExamples) {
    let config = try ExperimentConfig.parse(yaml: """
        model:
          input_shape: [6, 4]
          layers:
            - {type: conv1d, filters: 4, kernel_size: 3, activation: relu}
            - {type: dropout, rate: 0.2}
            - {type: flatten}
            - {type: dense, units: classes, activation: softmax}
        train: {epochs: \(epochs), batch_size: 4, checkpoint: {every_epochs: \(everyEpochs)}}
        """, file: "tiny.yaml", dataDirectory: nil)
    let built = try GraphBuilder.build(config.model, classCount: 2, seed: 9)
    var rng = RNG(seed: 4)
    func examples(_ n: Int) -> InMemoryExamples {
        InMemoryExamples(inputs: (0..<(n * 24)).map { _ in rng.normal() }, labels: (0..<n).map { $0 % 2 },
                         validFrames: Array(repeating: 6, count: n), exampleShape: [6, 4])
    }
    let trainer = Trainer(model: built.module, config: config.train, classCount: 2, seed: 9, classWeights: nil)
    return (trainer, examples(10), examples(4))
}

/// When an epoch is reported (the CLI prints "epoch N"), its checkpoint is already on disk: a kill right after the
/// line loses nothing of that epoch.
@Test func resumeCheckpointIsOnDiskBeforeItsEpochIsReported() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-ckpt-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let (trainer, train, validation) = try tinyTraining(epochs: 4)
    var seenAtReport: [Int?] = []
    var reportErrors: [any Error] = []
    let outcome = try trainer.fit(train: train, validation: validation, checkpointDirectory: directory) { event in
        guard case .epoch = event else { return }
        do { seenAtReport.append(try checkpointedEpochs(directory)) } catch { reportErrors.append(error) }
    }
    #expect(reportErrors.isEmpty)
    #expect(seenAtReport == [1, 2, 3, 4])
    #expect(outcome.history.map(\.epoch) == [1, 2, 3, 4])
}

/// With `checkpoint.every_epochs: 3`, the epoch reported between checkpoints is not yet safe; the checkpoint holds
/// the last multiple of 3 (and the final epoch).
@Test func resumeCheckpointFollowsEveryEpochs() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-ckpt-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let (trainer, train, validation) = try tinyTraining(epochs: 5, everyEpochs: 3)
    var seenAtReport: [Int?] = []
    _ = try trainer.fit(train: train, validation: validation, checkpointDirectory: directory) { event in
        if case .epoch = event { seenAtReport.append(try? checkpointedEpochs(directory)) }
    }
    #expect(seenAtReport == [nil, nil, 3, 3, 5])
}

/// A trainer resumed from a checkpoint written by another trainer of the same config continues to the same history
/// and weights as one that never stopped (the checkpoint of the full run is the reference).
@Test func resumeFromAFinishedCheckpointReproducesTheHistory() throws {
    let full = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-ckpt-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: full) }
    let (trainer, train, validation) = try tinyTraining(epochs: 3)
    let reference = try trainer.fit(train: train, validation: validation, checkpointDirectory: full, fingerprint: "f")
    // A fresh trainer resuming from the final checkpoint trains nothing and reports the same history.
    let (again, train2, validation2) = try tinyTraining(epochs: 3)
    var resumedAt: Int?
    let resumed = try again.fit(train: train2, validation: validation2, checkpointDirectory: full, resume: true,
                                fingerprint: "f") { if case .resumed(let n) = $0 { resumedAt = n } }
    #expect(resumedAt == 3)
    #expect(resumed.history == reference.history)
    #expect(Set(reference.history.map(\.loss)).count == 3)
    // The wrong fingerprint is refused.
    let (other, train3, validation3) = try tinyTraining(epochs: 3)
    #expect(throws: CheckpointError.self) {
        _ = try other.fit(train: train3, validation: validation3, checkpointDirectory: full, resume: true, fingerprint: "g")
    }
}
