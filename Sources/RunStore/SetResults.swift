import Foundation

/// The results of one evaluation set in `metrics/sets/<name>/`: its summary row, classification report and
/// confusion matrix, in the formats of the run's headline files. A run writes them for each of its sets;
/// `soundlab evaluate` writes them for sets scored after training, without touching the headline files.
public struct SetResults: Sendable, Equatable {
    /// The set's name (its folder under `metrics/sets/`).
    public var name: String
    /// Its summary row.
    public var summary: SummaryRow
    /// Per-class rows.
    public var report: ClassificationReport
    /// Confusion matrix over the model's classes.
    public var confusion: ConfusionMatrix
    /// Every clip's prediction (empty for the headline set, whose clips are in `metrics/predictions.csv`, and for
    /// runs written before the file existed).
    public var predictions: [PredictionRow]

    /// Results from their parts.
    public init(name: String, summary: SummaryRow, report: ClassificationReport, confusion: ConfusionMatrix,
                predictions: [PredictionRow] = []) {
        self.name = name
        self.summary = summary
        self.report = report
        self.confusion = confusion
        self.predictions = predictions
    }

    static let summaryFile = "summary.csv"
    static let reportFile = "classification_report.csv"
    static let confusionFile = "confusion_matrix.csv"
    static let predictionsFile = "predictions.csv"

    /// File name → text of the three files, and of the predictions when there are some.
    static func files(summary: SummaryRow, report: ClassificationReport, confusion: ConfusionMatrix,
                      predictions: [PredictionRow] = []) throws -> [(String, String)] {
        [(summaryFile, try SummaryRow.csv([summary])), (reportFile, try report.csv()), (confusionFile, try confusion.csv())]
            + (predictions.isEmpty ? [] : [(predictionsFile, try PredictionRow.csv(predictions, labels: confusion.labels))])
    }

    /// Writes them atomically, file by file, into `metrics/sets/<name>/` of a finished run.
    public func write(into runFolder: URL) throws {
        let folder = runFolder.appendingPathComponent(RunLayout.sets).appendingPathComponent(name)
        for (file, text) in try Self.files(summary: summary, report: report, confusion: confusion, predictions: predictions) {
            try RunFile.write(text, to: folder.appendingPathComponent(file))
        }
    }

    /// The sets under `metrics/sets/` of a run folder, by name; a set folder missing a file is skipped (being
    /// written, or damaged), a malformed one is an error naming the file.
    public static func load(runFolder: URL) throws -> [SetResults] {
        let folder = runFolder.appendingPathComponent(RunLayout.sets)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return try names.compactMap { name in
            let dir = folder.appendingPathComponent(name)
            func text(_ file: String) -> (String, String)? {
                let url = dir.appendingPathComponent(file)
                return (try? String(contentsOf: url, encoding: .utf8)).map { ($0, url.path) }
            }
            guard let (s, sp) = text(summaryFile), let (r, rp) = text(reportFile), let (c, cp) = text(confusionFile) else { return nil }
            guard var summary = try SummaryRow.parse(csv: s, path: sp).first else { return nil }
            summary.set = name
            let predictions = try text(predictionsFile).map { try PredictionRow.parse($0.0, path: $0.1) } ?? []
            return SetResults(name: name, summary: summary, report: try ClassificationReport.parse(csv: r, path: rp),
                              confusion: try ConfusionMatrix.parse(csv: c, path: cp), predictions: predictions)
        }
    }
}
