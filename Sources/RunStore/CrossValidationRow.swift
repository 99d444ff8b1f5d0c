import Foundation

/// A row of `metrics/cross_validation.csv`: one fold's model scored on the training clips it held out, or the mean
/// or sample standard deviation of the fold rows (which leave the clip counts empty).
public struct CrossValidationRow: Sendable, Equatable {
    /// What a row describes.
    public enum Fold: Sendable, Equatable, CustomStringConvertible {
        /// Fold number, 1-based.
        case number(Int)
        /// Mean over the folds.
        case mean
        /// Sample standard deviation over the folds (n − 1), the spread a reader compares against other runs.
        case sd

        /// `1`, `mean`, `sd`: the `fold` column.
        public var description: String {
            switch self {
            case .number(let n): String(n)
            case .mean: "mean"
            case .sd: "sd"
            }
        }
    }

    /// Which fold, or which statistic over the folds.
    public var fold: Fold
    /// Clips the fold's model trained on (validation clips included); nil on the mean and sd rows.
    public var trainClips: Int?
    /// Clips the fold held out and was scored on; nil on the mean and sd rows.
    public var heldOutClips: Int?
    /// Accuracy on the held-out clips.
    public var accuracy: Double
    /// Macro-F1 over the classes the fold holds out.
    public var macroF1: Double
    /// Support-weighted F1.
    public var weightedF1: Double
    /// Expected calibration error.
    public var ece: Double

    /// A row from its parts.
    public init(fold: Fold, trainClips: Int?, heldOutClips: Int?, accuracy: Double, macroF1: Double, weightedF1: Double,
                ece: Double) {
        self.fold = fold
        self.trainClips = trainClips
        self.heldOutClips = heldOutClips
        self.accuracy = accuracy
        self.macroF1 = macroF1
        self.weightedF1 = weightedF1
        self.ece = ece
    }

    /// The fold rows followed by their mean and sample standard deviation (two or more folds).
    public static func summarized(_ folds: [CrossValidationRow]) -> [CrossValidationRow] {
        precondition(folds.count >= 2, "a standard deviation needs two folds")
        let n = Double(folds.count)
        func mean(_ value: (CrossValidationRow) -> Double) -> Double { folds.map(value).reduce(0, +) / n }
        func sd(_ value: (CrossValidationRow) -> Double) -> Double {
            let m = mean(value)
            return (folds.map { (value($0) - m) * (value($0) - m) }.reduce(0, +) / (n - 1)).squareRoot()
        }
        return folds + [
            CrossValidationRow(fold: .mean, trainClips: nil, heldOutClips: nil, accuracy: mean(\.accuracy),
                               macroF1: mean(\.macroF1), weightedF1: mean(\.weightedF1), ece: mean(\.ece)),
            CrossValidationRow(fold: .sd, trainClips: nil, heldOutClips: nil, accuracy: sd(\.accuracy),
                               macroF1: sd(\.macroF1), weightedF1: sd(\.weightedF1), ece: sd(\.ece)),
        ]
    }

    static let header = ["fold", "train_clips", "held_out_clips", "accuracy", "macro_f1", "weighted_f1", "ece"]

    /// `metrics/cross_validation.csv` for these rows, in order.
    public static func csv(_ rows: [CrossValidationRow]) throws -> String {
        try CSVTable(header: header, rows: rows.map {
            [$0.fold.description, $0.trainClips.map(String.init) ?? "", $0.heldOutClips.map(String.init) ?? "",
             MetricFormat.fixed($0.accuracy), MetricFormat.fixed($0.macroF1), MetricFormat.fixed($0.weightedF1),
             MetricFormat.fixed($0.ece)]
        }).text()
    }

    /// Reads `metrics/cross_validation.csv` text.
    public static func parse(csv text: String, path: String) throws -> [CrossValidationRow] {
        let table = try CSVTable.parse(text, path: path)
        try table.require(header: header, path: path)
        return try table.rows.map { f in
            func n(_ i: Int) throws -> Double { try CSVTable.number(f[i], column: header[i], path: path) }
            func count(_ i: Int) throws -> Int? { f[i].isEmpty ? nil : try CSVTable.integer(f[i], column: header[i], path: path) }
            let fold: Fold
            switch f[0] {
            case "mean": fold = .mean
            case "sd": fold = .sd
            default:
                guard let number = Int(f[0]) else {
                    throw RunStoreError.malformed(path: path, reason: "'\(f[0])' in column fold is not a fold number, mean or sd")
                }
                fold = .number(number)
            }
            return CrossValidationRow(fold: fold, trainClips: try count(1), heldOutClips: try count(2), accuracy: try n(3),
                                      macroF1: try n(4), weightedF1: try n(5), ece: try n(6))
        }
    }
}
