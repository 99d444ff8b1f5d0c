import Foundation

/// Builds one run folder under a temporary name beside its final place (`runs/.tmp-<name>-<id>`)
/// and renames it into place only in `commit()`, after every file is written and `run.json`
/// carries `"complete": true`. A crash before commit leaves a hidden temp folder that no reader
/// takes for a run, and the previous finished run of the same name untouched.
public final class RunWriter {
    /// The run's name: its folder under the runs directory.
    public let name: String
    /// The directory holding all runs (`runs/`).
    public let runsDirectory: URL
    /// Where files go until commit.
    public let temporaryFolder: URL
    /// Where the run lives after commit.
    public var finalFolder: URL { runsDirectory.appendingPathComponent(name, isDirectory: true) }

    private var labels: [String]?
    private var history: [HistoryRow]?
    private var report: ClassificationReport?
    private var confusion: ConfusionMatrix?
    private var summary: [SummaryRow]?
    private var robustness: [RobustnessRow] = []
    private var calibration: [CalibrationBin] = []
    private var written: Set<String> = []
    private var committed = false

    /// Starts a run called `name` under `runsDirectory` (created if needed).
    public init(runsDirectory: URL, name: String) throws {
        try RunLayout.validate(name: name)
        self.name = name
        self.runsDirectory = runsDirectory
        let id = UUID().uuidString.prefix(8).lowercased()
        temporaryFolder = runsDirectory.appendingPathComponent("\(RunLayout.tempPrefix)\(name)-\(id)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
        } catch {
            throw RunStoreError.io(path: temporaryFolder.path, reason: "cannot create (\(FileSystemReason.describe(error)))")
        }
        restoreRunMovedAside()
    }

    /// A commit that died between its two renames leaves the previous finished run under
    /// `.old-<name>-<id>` and nothing under `<name>`; put it back so it is listed again until this
    /// writer commits.
    private func restoreRunMovedAside() {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: finalFolder.path),
              let entries = try? fm.contentsOfDirectory(atPath: runsDirectory.path) else { return }
        let prefix = "\(RunLayout.oldPrefix)\(name)-"
        for entry in entries.sorted() where entry.hasPrefix(prefix) && entry.count == prefix.count + 8 {
            let old = runsDirectory.appendingPathComponent(entry, isDirectory: true)
            if (try? Run.load(folder: old)) != nil, (try? fm.moveItem(at: old, to: finalFolder)) != nil { return }
        }
    }

    private func put(_ text: String, _ file: String) throws {
        try RunFile.write(text, to: temporaryFolder.appendingPathComponent(file))
        written.insert(file)
    }

    /// Writes `config.yaml` (the resolved config text).
    public func writeConfig(_ yaml: String) throws {
        try put(yaml.hasSuffix("\n") ? yaml : yaml + "\n", RunLayout.config)
    }

    /// Writes `labels.json` from class names in index order.
    public func writeLabels(_ names: [String]) throws {
        try put(try ClassLabels.json(names), RunLayout.labels)
        labels = names
    }

    /// Writes `weights.safetensors` with the bytes handed in.
    public func writeWeights(_ bytes: Data) throws {
        try RunFile.write(bytes, to: temporaryFolder.appendingPathComponent(RunLayout.weights))
        written.insert(RunLayout.weights)
    }

    /// Writes `metrics/history.csv`.
    public func writeHistory(_ rows: [HistoryRow]) throws {
        let text = try HistoryRow.csv(rows)
        try put(text, RunLayout.history)
        history = try HistoryRow.parse(csv: text, path: RunLayout.history)
    }

    /// Writes `metrics/classification_report.csv`.
    public func writeReport(_ report: ClassificationReport) throws {
        let text = try report.csv()
        try put(text, RunLayout.report)
        self.report = try ClassificationReport.parse(csv: text, path: RunLayout.report)
    }

    /// Writes `metrics/confusion_matrix.csv`.
    public func writeConfusion(_ matrix: ConfusionMatrix) throws {
        let text = try matrix.csv()
        try put(text, RunLayout.confusion)
        confusion = try ConfusionMatrix.parse(csv: text, path: RunLayout.confusion)
    }

    /// Writes `metrics/summary.csv`.
    public func writeSummary(_ rows: [SummaryRow]) throws {
        try put(try SummaryRow.csv(rows), RunLayout.summary)
        summary = rows
    }

    /// Writes one evaluation set's results under `metrics/sets/<name>/` (its predictions too when given: every
    /// set's but the headline one's, which go to `metrics/predictions.csv`).
    public func writeSet(name: String, summary: SummaryRow, report: ClassificationReport, confusion: ConfusionMatrix,
                         predictions: [PredictionRow] = []) throws {
        for (file, text) in try SetResults.files(summary: summary, report: report, confusion: confusion, predictions: predictions) {
            try put(text, "\(RunLayout.sets)/\(name)/\(file)")
        }
    }

    /// Writes `metrics/predictions.csv`: the headline set's clips, with the probability of each of `labels`.
    public func writePredictions(_ rows: [PredictionRow], labels: [String]) throws {
        try put(try PredictionRow.csv(rows, labels: labels), RunLayout.predictions)
    }

    /// Writes `metrics/robustness.csv` (drawn as `charts/robustness.svg`).
    public func writeRobustness(_ rows: [RobustnessRow]) throws {
        let text = try RobustnessRow.csv(rows)
        try put(text, RunLayout.robustness)
        robustness = try RobustnessRow.parse(csv: text, path: RunLayout.robustness)
    }

    /// Writes `metrics/few_shot.csv`.
    public func writeFewShot(_ rows: [FewShotRow]) throws {
        try put(try FewShotRow.csv(rows), RunLayout.fewShot)
    }

    /// Writes `metrics/cross_validation.csv`: the fold rows, then their mean and sample standard deviation.
    public func writeCrossValidation(folds: [CrossValidationRow]) throws {
        try put(try CrossValidationRow.csv(CrossValidationRow.summarized(folds)), RunLayout.crossValidation)
    }

    /// Writes `metrics/calibration.csv` (drawn as `charts/reliability.svg`).
    public func writeCalibration(_ bins: [CalibrationBin]) throws {
        let text = try CalibrationBin.csv(bins)
        try put(text, RunLayout.calibration)
        calibration = try CalibrationBin.parse(csv: text, path: RunLayout.calibration)
    }

    /// Writes `split.csv`, so anyone can retrain or re-score on exactly the clips this run used.
    public func writeSplit(_ rows: [SplitRow]) throws {
        try put(try SplitRow.csv(rows), RunLayout.split)
    }

    /// Files a finished run must have before commit.
    static let required = [RunLayout.config, RunLayout.labels, RunLayout.weights, RunLayout.history,
                           RunLayout.report, RunLayout.confusion, RunLayout.summary]

    /// Where the run this commit replaced was kept (`.previous/<name>/...`), nil when there was none.
    public private(set) var previousRun: URL?

    /// Draws the charts (from the values as written, so `soundlab charts` redraws the same bytes from the files),
    /// writes `run.json` with `"complete": true` last, and renames the folder
    /// into place, replacing a finished run of the same name (moved aside first, deleted after).
    /// Returns the final folder.
    @discardableResult
    public func commit(provenance: RunProvenance) throws -> URL {
        guard !committed else { return finalFolder }
        let missing = RunWriter.required.filter { !written.contains($0) }
        guard missing.isEmpty, let history, let report, let confusion else {
            throw RunStoreError.incomplete(path: temporaryFolder.path, missing: missing)
        }
        // Files written by separate calls must describe the same classes, in the same order.
        if let labels, confusion.labels != labels || report.classes.map(\.name) != labels {
            throw RunStoreError.malformed(
                path: temporaryFolder.path,
                reason: "labels.json, classification_report.csv and confusion_matrix.csv name different classes")
        }
        let charts = RunCharts.render(title: name, history: history, report: report, confusion: confusion,
                                      robustness: robustness, calibration: calibration)
        for (file, svg) in charts.sorted(by: { $0.key < $1.key }) {
            try RunFile.write(svg, to: temporaryFolder.appendingPathComponent(RunLayout.charts)
                .appendingPathComponent(file))
        }
        var finished = provenance
        finished.complete = true
        try put(try finished.json(), RunLayout.provenance)
        try swapIntoPlace()
        committed = true
        return finalFolder
    }

    /// Removes the temporary folder of a run that will not be committed.
    public func abandon() {
        guard !committed else { return }
        try? FileManager.default.removeItem(at: temporaryFolder)
    }

    /// rename(2) cannot replace a non-empty directory, so an existing run is renamed aside,
    /// the new one renamed in, and only then the old one deleted; if the second rename fails the
    /// old run is put back.
    private func swapIntoPlace() throws {
        let fm = FileManager.default
        var aside: URL?
        if fm.fileExists(atPath: finalFolder.path) {
            let id = UUID().uuidString.prefix(8).lowercased()
            let old = runsDirectory.appendingPathComponent("\(RunLayout.oldPrefix)\(name)-\(id)", isDirectory: true)
            do {
                try fm.moveItem(at: finalFolder, to: old)
            } catch {
                throw RunStoreError.io(path: finalFolder.path, reason: "cannot move the previous run aside (\(FileSystemReason.describe(error)))")
            }
            aside = old
        }
        do {
            try fm.moveItem(at: temporaryFolder, to: finalFolder)
        } catch {
            if let aside { try? fm.moveItem(at: aside, to: finalFolder) }
            throw RunStoreError.io(path: finalFolder.path, reason: "cannot rename the new run into place (\(FileSystemReason.describe(error)))")
        }
        if let aside { keepPrevious(aside) }
    }

    /// Moves the replaced run to `.previous/<name>/`, keeping the newest few there: rerunning an experiment never
    /// loses the run it replaces by accident. When the move fails the replaced run is deleted, as before.
    private func keepPrevious(_ aside: URL) {
        let fm = FileManager.default
        let shelf = runsDirectory.appendingPathComponent(RunLayout.previous).appendingPathComponent(name)
        let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                formatOptions: [.withFullDate, .withTime, .withTimeZone])
            .replacingOccurrences(of: ":", with: "-")
        let destination = shelf.appendingPathComponent("\(stamp)-\(aside.lastPathComponent.suffix(8))")
        do {
            try fm.createDirectory(at: shelf, withIntermediateDirectories: true)
            try fm.moveItem(at: aside, to: destination)
            previousRun = destination
        } catch {
            try? fm.removeItem(at: aside)
            return
        }
        let kept = ((try? fm.contentsOfDirectory(atPath: shelf.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for old in kept.dropLast(RunLayout.previousKept) { try? fm.removeItem(at: shelf.appendingPathComponent(old)) }
    }
}
