import Foundation
import RunStore

/// A scratch directory removed when the value goes away.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("runstore-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Entries directly inside, hidden ones included, sorted.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// A small but complete synthetic run: three classes, three epochs.
struct SampleRun {
    var name = "cnn_small"
    var experiment = "cnn_small"
    var seed: UInt64 = 42
    var accuracy = 0.8
    var config = "model:\n  kind: cnn\n  filters: 16\ntraining:\n  epochs: 3\n  lr: 0.001\n"
    var labels = ["Bird", "Cat", "Dog, large"]
    var weights = Data([0x08, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20])
    var history = [
        HistoryRow(epoch: 1, loss: 1.25, accuracy: 0.4, valLoss: 1.1, valAccuracy: 0.5, valMacroF1: 0.45, lr: 0.001, seconds: 2.5),
        HistoryRow(epoch: 2, loss: 0.75, accuracy: 0.65, valLoss: 0.9, valAccuracy: 0.6, valMacroF1: 0.55, lr: 0.0005, seconds: 2.25),
        HistoryRow(epoch: 3, loss: 0.5, accuracy: 0.8, valLoss: .nan, valAccuracy: .nan, valMacroF1: .nan, lr: 1e-05, seconds: 2.125),
    ]
    var report = ClassificationReport(classes: [
        ReportRow(name: "Bird", precision: 0.75, recall: 0.6, f1: 0.666667, support: 5),
        ReportRow(name: "Cat", precision: 1.0, recall: 0.8, f1: 0.888889, support: 5),
        ReportRow(name: "Dog, large", precision: 0.5, recall: 1.0, f1: 0.666667, support: 2),
    ], accuracy: 0.75,
       macroAvg: ReportRow(name: "macro avg", precision: 0.75, recall: 0.8, f1: 0.740741, support: 12),
       weightedAvg: ReportRow(name: "weighted avg", precision: 0.8125, recall: 0.75, f1: 0.75926, support: 12))
    var confusion = ConfusionMatrix(labels: ["Bird", "Cat", "Dog, large"],
                                    counts: [[3, 0, 2], [1, 4, 0], [0, 0, 2]])
    var parameters = 12_345
    var trainSeconds = 6.875
    var sets: [String?] = [nil]

    var summary: [SummaryRow] {
        sets.map { set in
            SummaryRow(experiment: experiment, set: set, accuracy: accuracy, macroF1: 0.740741,
                       weightedF1: 0.759259, macroPrecision: 0.75, macroRecall: 0.8, parameters: parameters,
                       trainSeconds: trainSeconds, epochsRun: 3, seed: seed)
        }
    }

    var provenance: RunProvenance {
        RunProvenance(
            experiment: experiment, seed: seed, datasetFingerprint: "sha256:abc123", gitCommit: "0123abcd",
            soundlabVersion: "0.1.0", openblasCore: "Haswell",
            numerics: NumericsRecord(blasMode: "pinned", blasLibrary: "OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell",
                                     blasThreads: 1, splitParts: 2, machineSpecific: false),
            host: "lab-1",
            timings: ["train": 6.875, "evaluate": 0.5, "features": 1.25],
            started: Date(timeIntervalSince1970: 1_764_000_000), finished: Date(timeIntervalSince1970: 1_764_000_009),
            parameters: parameters)
    }

    /// Writes every file but does not commit.
    func writeAll(_ writer: RunWriter) throws {
        try writer.writeConfig(config)
        try writer.writeLabels(labels)
        try writer.writeWeights(weights)
        try writer.writeHistory(history)
        try writer.writeReport(report)
        try writer.writeConfusion(confusion)
        try writer.writeSummary(summary)
    }

    @discardableResult
    func commit(into runs: URL) throws -> URL {
        let writer = try RunWriter(runsDirectory: runs, name: name)
        try writeAll(writer)
        return try writer.commit(provenance: provenance)
    }
}

/// Equality that treats NaN as equal to NaN, for records that carry "no validation" as NaN.
func sameHistory(_ a: [HistoryRow], _ b: [HistoryRow]) -> Bool {
    func eq(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
    return a.count == b.count && zip(a, b).allSatisfy { x, y in
        x.epoch == y.epoch && eq(x.loss, y.loss) && eq(x.accuracy, y.accuracy) && eq(x.valLoss, y.valLoss)
            && eq(x.valAccuracy, y.valAccuracy)
            && eq(x.valMacroF1, y.valMacroF1) && eq(x.lr, y.lr) && eq(x.seconds, y.seconds)
    }
}
