import Foundation

/// A finished run read back from its folder.
public struct Run: Sendable, Equatable {
    /// Folder name under the runs directory.
    public var name: String
    /// The run folder.
    public var folder: URL
    /// `run.json`.
    public var provenance: RunProvenance
    /// `labels.json`, names in index order.
    public var labels: [String]
    /// `config.yaml` text.
    public var config: String
    /// `metrics/history.csv`.
    public var history: [HistoryRow]
    /// `metrics/classification_report.csv`.
    public var report: ClassificationReport
    /// `metrics/confusion_matrix.csv`.
    public var confusion: ConfusionMatrix
    /// `metrics/summary.csv`, one row per evaluation set.
    public var summary: [SummaryRow]
    /// `metrics/sets/*/`: every set scored, during the run or later by `soundlab evaluate`.
    public var sets: [SetResults] = []
    /// `metrics/robustness.csv` (empty without robustness curves).
    public var robustness: [RobustnessRow] = []
    /// `metrics/cross_validation.csv`: fold rows, then mean and sd (empty when the run did not cross-validate).
    public var crossValidation: [CrossValidationRow] = []
    /// `metrics/few_shot.csv`, empty when the experiment asked for no few-shot evaluation.
    public var fewShot: [FewShotRow] = []
    /// `metrics/calibration.csv` (empty in runs written before calibration was measured).
    public var calibration: [CalibrationBin] = []
    /// `metrics/predictions.csv`: the headline set's clips (empty in runs written before predictions were kept).
    public var predictions: [PredictionRow] = []

    /// The summary row of the set named `name`: from `summary.csv`, else from `metrics/sets/<name>/`.
    public func summary(ofSet name: String) -> SummaryRow? {
        summary.first { $0.set == name } ?? sets.first { $0.name == name }?.summary
    }

    /// Every set's summary row: `summary.csv`'s, then those only under `metrics/sets/`, named.
    public var allSetSummaries: [SummaryRow] {
        let inSummary = Set(summary.compactMap(\.set))
        return summary + sets.filter { !inSummary.contains($0.name) }.map(\.summary)
    }

    /// The summary row the evaluation table shows: the `test` set, else the row without a set
    /// name, else the first.
    public var headline: SummaryRow {
        summary.first { $0.set == "test" } ?? summary.first { $0.set == nil } ?? summary[0]
    }

    /// Reads the run in `folder`; fails unless `run.json` says the run is complete.
    public static func load(folder: URL) throws -> Run {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw RunStoreError.missingRun(path: folder.path) }
        let provenanceURL = folder.appendingPathComponent(RunLayout.provenance)
        guard FileManager.default.fileExists(atPath: provenanceURL.path) else {
            throw RunStoreError.unfinishedRun(path: folder.path)
        }
        func text(_ file: String) throws -> (String, String) {
            let url = folder.appendingPathComponent(file)
            return (try RunFile.read(url), url.path)
        }
        let (runJSON, runPath) = try text(RunLayout.provenance)
        let provenance = try RunProvenance.parse(json: runJSON, path: runPath)
        guard provenance.complete else { throw RunStoreError.unfinishedRun(path: folder.path) }
        let (labels, labelsPath) = try text(RunLayout.labels)
        let (history, historyPath) = try text(RunLayout.history)
        let (report, reportPath) = try text(RunLayout.report)
        let (confusion, confusionPath) = try text(RunLayout.confusion)
        let (summary, summaryPath) = try text(RunLayout.summary)
        func optional<T>(_ file: String, _ parse: (String, String) throws -> [T]) throws -> [T] {
            let url = folder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            return try parse(try RunFile.read(url), url.path)
        }
        var run = Run(
            name: folder.lastPathComponent, folder: folder, provenance: provenance,
            labels: try ClassLabels.parse(json: labels, path: labelsPath), config: try text(RunLayout.config).0,
            history: try HistoryRow.parse(csv: history, path: historyPath),
            report: try ClassificationReport.parse(csv: report, path: reportPath),
            confusion: try ConfusionMatrix.parse(csv: confusion, path: confusionPath),
            summary: try SummaryRow.parse(csv: summary, path: summaryPath))
        run.sets = try SetResults.load(runFolder: folder)
        run.robustness = try optional(RunLayout.robustness, RobustnessRow.parse)
        run.crossValidation = try optional(RunLayout.crossValidation, CrossValidationRow.parse)
        run.fewShot = try optional(RunLayout.fewShot, FewShotRow.parse)
        run.calibration = try optional(RunLayout.calibration, CalibrationBin.parse)
        run.predictions = try optional(RunLayout.predictions, PredictionRow.parse)
        return run
    }
}
