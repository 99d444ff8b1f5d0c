import Foundation

/// A row of `metrics/few_shot.csv`: the model's embedding as a k-shot classifier on the headline set, one prototype
/// per class from k random training clips, mean and sample standard deviation over the draws.
public struct FewShotRow: Sendable, Equatable {
    /// Training clips per class in each draw.
    public var shots: Int
    /// Number of draws.
    public var draws: Int
    /// Accuracy, mean over the draws.
    public var accuracy: Double
    /// Accuracy, sample standard deviation over the draws.
    public var accuracySD: Double
    /// Macro-F1, mean over the draws.
    public var macroF1: Double
    /// Macro-F1, sample standard deviation over the draws.
    public var macroF1SD: Double

    /// A row from its parts.
    public init(shots: Int, draws: Int, accuracy: Double, accuracySD: Double, macroF1: Double, macroF1SD: Double) {
        self.shots = shots
        self.draws = draws
        self.accuracy = accuracy
        self.accuracySD = accuracySD
        self.macroF1 = macroF1
        self.macroF1SD = macroF1SD
    }

    static let header = ["shots", "draws", "accuracy", "accuracy_sd", "macro_f1", "macro_f1_sd"]

    /// `metrics/few_shot.csv` for these rows, in order.
    public static func csv(_ rows: [FewShotRow]) throws -> String {
        try CSVTable(header: header, rows: rows.map {
            [String($0.shots), String($0.draws), MetricFormat.fixed($0.accuracy), MetricFormat.fixed($0.accuracySD),
             MetricFormat.fixed($0.macroF1), MetricFormat.fixed($0.macroF1SD)]
        }).text()
    }

    /// Reads `metrics/few_shot.csv` text.
    public static func parse(csv text: String, path: String) throws -> [FewShotRow] {
        let table = try CSVTable.parse(text, path: path)
        try table.require(header: header, path: path)
        return try table.rows.map { f in
            func n(_ i: Int) throws -> Double { try CSVTable.number(f[i], column: header[i], path: path) }
            func count(_ i: Int) throws -> Int { try CSVTable.integer(f[i], column: header[i], path: path) }
            return FewShotRow(shots: try count(0), draws: try count(1), accuracy: try n(2), accuracySD: try n(3),
                              macroF1: try n(4), macroF1SD: try n(5))
        }
    }
}
