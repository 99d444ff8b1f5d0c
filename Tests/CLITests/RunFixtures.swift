import Foundation
import RunStore

/// Small finished runs written through RunStore's public writer, so `table` and `diff` read exactly
/// what `soundlab run` would leave behind.
enum RunFixtures {
    /// The headline numbers of one fixture run (its `test` summary row).
    struct Numbers {
        var accuracy: Double
        var macroF1: Double
        var weightedF1: Double
        var macroPrecision: Double
        var macroRecall: Double
        var parameters: Int
        var trainSeconds: Double
        var epochs: Int
    }

    static let labels = ["Cat", "Dog"]

    /// The resolved config text of a fixture run; differs between runs only where the arguments do.
    static func config(name: String, seed: UInt64, epochs: Int) -> String {
        """
        name: \(name)
        seed: \(seed)
        abstract: false
        train:
          epochs: \(epochs)
          batch_size: 32
        """
    }

    /// Writes and commits a run called `folder` of experiment `experiment` under `runs`; returns its folder.
    @discardableResult
    static func write(in runs: URL, folder: String, experiment: String, seed: UInt64, _ n: Numbers,
                      validationSet: Bool = false) throws -> URL {
        let writer = try RunWriter(runsDirectory: runs, name: folder)
        try fill(writer, experiment: experiment, seed: seed, n, validationSet: validationSet)
        return try writer.commit(provenance: provenance(experiment: experiment, seed: seed, n))
    }

    /// Writes every file of a run but never commits it: what a run killed before the end leaves.
    static func writeUnfinished(in runs: URL, folder: String, seed: UInt64, _ n: Numbers) throws -> RunWriter {
        let writer = try RunWriter(runsDirectory: runs, name: folder)
        try fill(writer, experiment: folder, seed: seed, n, validationSet: false)
        return writer
    }

    static func provenance(experiment: String, seed: UInt64, _ n: Numbers) -> RunProvenance {
        RunProvenance(
            experiment: experiment, seed: seed, datasetFingerprint: "fixture", gitCommit: nil,
            soundlabVersion: "0.1.0", openblasCore: nil, host: "test",
            timings: ["train": n.trainSeconds], started: Date(timeIntervalSince1970: 1_700_000_000),
            finished: Date(timeIntervalSince1970: 1_700_000_100), parameters: n.parameters)
    }

    private static func fill(_ writer: RunWriter, experiment: String, seed: UInt64, _ n: Numbers,
                             validationSet: Bool) throws {
        try writer.writeConfig(config(name: experiment, seed: seed, epochs: n.epochs))
        try writer.writeLabels(labels)
        try writer.writeWeights(Data([0, 1, 2, 3]))
        try writer.writeHistory((1...n.epochs).map {
            HistoryRow(epoch: $0, loss: 1 / Double($0), accuracy: n.accuracy, valLoss: 1.5 / Double($0),
                       valAccuracy: n.accuracy, lr: 1e-3, seconds: n.trainSeconds / Double(n.epochs))
        })
        try writer.writeReport(ClassificationReport(classes: [
            ReportRow(name: "Cat", precision: n.macroPrecision, recall: n.macroRecall, f1: n.macroF1, support: 8),
            ReportRow(name: "Dog", precision: n.macroPrecision, recall: n.macroRecall, f1: n.macroF1, support: 8),
        ], accuracy: n.accuracy))
        try writer.writeConfusion(ConfusionMatrix(labels: labels, counts: [[6, 2], [2, 6]]))
        var rows: [SummaryRow] = []
        if validationSet {
            rows.append(SummaryRow(experiment: experiment, set: "validation", accuracy: 0.5, macroF1: 0.5,
                                   weightedF1: 0.5, macroPrecision: 0.5, macroRecall: 0.5, parameters: n.parameters,
                                   trainSeconds: n.trainSeconds, epochsRun: n.epochs, seed: seed))
        }
        rows.append(SummaryRow(experiment: experiment, set: "test", accuracy: n.accuracy, macroF1: n.macroF1,
                               weightedF1: n.weightedF1, macroPrecision: n.macroPrecision,
                               macroRecall: n.macroRecall, parameters: n.parameters, trainSeconds: n.trainSeconds,
                               epochsRun: n.epochs, seed: seed))
        try writer.writeSummary(rows)
    }

    /// Run `alpha` (seed 1): 3 epochs, 0.75 accuracy.
    static let alpha = Numbers(accuracy: 0.75, macroF1: 0.7, weightedF1: 0.72, macroPrecision: 0.71,
                               macroRecall: 0.69, parameters: 1234, trainSeconds: 12.5, epochs: 3)
    /// Run `beta` (seed 1): 5 epochs, 0.8125 accuracy.
    static let beta = Numbers(accuracy: 0.8125, macroF1: 0.8, weightedF1: 0.81, macroPrecision: 0.79,
                              macroRecall: 0.8, parameters: 2000, trainSeconds: 20.4, epochs: 5)
    /// A second seed of `alpha`: 0.85 accuracy, so the pair has mean 0.8 and sd 0.05·√2.
    static let alphaSeed2 = Numbers(accuracy: 0.85, macroF1: 0.8, weightedF1: 0.82, macroPrecision: 0.81,
                                    macroRecall: 0.79, parameters: 1234, trainSeconds: 13.5, epochs: 3)
}
