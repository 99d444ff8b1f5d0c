import Foundation

/// Precision, recall, F1 and support of one class (or of an average), as scikit-learn reports them.
public struct ReportRow: Sendable, Equatable {
    /// Class name, or `macro avg` / `weighted avg`.
    public var name: String
    /// Precision.
    public var precision: Double
    /// Recall.
    public var recall: Double
    /// F1 score.
    public var f1: Double
    /// Number of true samples of the class (for averages: of all classes).
    public var support: Int

    /// A report row.
    public init(name: String, precision: Double, recall: Double, f1: Double, support: Int) {
        self.name = name
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}

/// `metrics/classification_report.csv`: scikit-learn's `classification_report` layout — one row
/// per class, then `accuracy` (in the f1-score column, with the total support, precision and
/// recall left empty as in sklearn's text report), `macro avg` and `weighted avg`.
public struct ClassificationReport: Sendable, Equatable {
    /// One row per class, in class-index order.
    public var classes: [ReportRow]
    /// Fraction of samples classified correctly.
    public var accuracy: Double
    /// Unweighted mean over classes.
    public var macroAvg: ReportRow
    /// Mean over classes weighted by support.
    public var weightedAvg: ReportRow

    /// A report with the averages given (as read back from a file).
    public init(classes: [ReportRow], accuracy: Double, macroAvg: ReportRow, weightedAvg: ReportRow) {
        self.classes = classes
        self.accuracy = accuracy
        self.macroAvg = macroAvg
        self.weightedAvg = weightedAvg
    }

    /// A report whose macro and weighted averages are computed from the class rows as sklearn does: the plain
    /// mean over the classes present in the truth (a class with no example would only add a zero F1 for a class
    /// the set cannot measure), and the mean weighted by support.
    public init(classes: [ReportRow], accuracy: Double) {
        let total = classes.reduce(0) { $0 + $1.support }
        let present = classes.filter { $0.support > 0 }
        func macro(_ key: KeyPath<ReportRow, Double>) -> Double {
            present.isEmpty ? .nan : present.reduce(0) { $0 + $1[keyPath: key] } / Double(present.count)
        }
        func weighted(_ key: KeyPath<ReportRow, Double>) -> Double {
            total == 0 ? .nan : classes.reduce(0) { $0 + $1[keyPath: key] * Double($1.support) } / Double(total)
        }
        self.init(
            classes: classes, accuracy: accuracy,
            macroAvg: ReportRow(name: "macro avg", precision: macro(\.precision), recall: macro(\.recall),
                                f1: macro(\.f1), support: total),
            weightedAvg: ReportRow(name: "weighted avg", precision: weighted(\.precision),
                                   recall: weighted(\.recall), f1: weighted(\.f1), support: total))
    }

    static let header = ["class", "precision", "recall", "f1-score", "support"]

    /// Total number of samples.
    public var support: Int { macroAvg.support }

    /// The CSV text.
    public func csv() throws -> String {
        func fields(_ r: ReportRow) -> [String] {
            [r.name, MetricFormat.fixed(r.precision), MetricFormat.fixed(r.recall), MetricFormat.fixed(r.f1),
             String(r.support)]
        }
        var rows = classes.map(fields)
        rows.append(["accuracy", "", "", MetricFormat.fixed(accuracy), String(support)])
        rows.append(fields(macroAvg))
        rows.append(fields(weightedAvg))
        return try CSVTable(header: ClassificationReport.header, rows: rows).text()
    }

    /// Reads the CSV text; `path` names the file in errors.
    public static func parse(csv text: String, path: String) throws -> ClassificationReport {
        let table = try CSVTable.parse(text, path: path)
        try table.require(header: header, path: path)
        func row(_ f: [String]) throws -> ReportRow {
            ReportRow(name: f[0], precision: try CSVTable.number(f[1], column: "precision", path: path),
                      recall: try CSVTable.number(f[2], column: "recall", path: path),
                      f1: try CSVTable.number(f[3], column: "f1-score", path: path),
                      support: try CSVTable.integer(f[4], column: "support", path: path))
        }
        let tail = ["accuracy", "macro avg", "weighted avg"]
        guard table.rows.count >= 3, Array(table.rows.suffix(3).map { $0[0] }) == tail else {
            throw RunStoreError.malformed(path: path, reason: "last rows must be \(tail.joined(separator: ", "))")
        }
        let classes = try table.rows.dropLast(3).map(row)
        let accuracyRow = table.rows[table.rows.count - 3]
        return ClassificationReport(
            classes: classes, accuracy: try CSVTable.number(accuracyRow[3], column: "f1-score", path: path),
            macroAvg: try row(table.rows[table.rows.count - 2]), weightedAvg: try row(table.rows[table.rows.count - 1]))
    }
}
