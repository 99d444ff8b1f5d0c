import Foundation

/// One bin of a reliability diagram: the clips whose predicted class had a probability in `lower..<upper`
/// (the last bin includes 1), their mean probability and how often that prediction was right. A row of
/// `metrics/calibration.csv`.
public struct CalibrationBin: Sendable, Equatable {
    /// Evaluation set the clips are from.
    public var set: String
    /// Lower edge of the probability bin.
    public var lower: Double
    /// Upper edge of the probability bin.
    public var upper: Double
    /// Clips in the bin.
    public var count: Int
    /// Mean probability of the predicted class (NaN for an empty bin).
    public var confidence: Double
    /// Fraction predicted right (NaN for an empty bin).
    public var accuracy: Double

    /// A bin from its parts.
    public init(set: String, lower: Double, upper: Double, count: Int, confidence: Double, accuracy: Double) {
        self.set = set
        self.lower = lower
        self.upper = upper
        self.count = count
        self.confidence = confidence
        self.accuracy = accuracy
    }

    static let header = ["set", "lower", "upper", "count", "confidence", "accuracy"]

    /// `metrics/calibration.csv` for these bins.
    public static func csv(_ bins: [CalibrationBin]) throws -> String {
        try CSVTable(header: header, rows: bins.map {
            [$0.set, MetricFormat.fixed($0.lower), MetricFormat.fixed($0.upper), String($0.count),
             MetricFormat.fixed($0.confidence), MetricFormat.fixed($0.accuracy)]
        }).text()
    }

    /// Reads `metrics/calibration.csv` text.
    public static func parse(csv text: String, path: String) throws -> [CalibrationBin] {
        let table = try CSVTable.parse(text, path: path)
        try table.require(header: header, path: path)
        return try table.rows.map { f in
            CalibrationBin(set: f[0], lower: try CSVTable.number(f[1], column: "lower", path: path),
                           upper: try CSVTable.number(f[2], column: "upper", path: path),
                           count: try CSVTable.integer(f[3], column: "count", path: path),
                           confidence: try CSVTable.number(f[4], column: "confidence", path: path),
                           accuracy: try CSVTable.number(f[5], column: "accuracy", path: path))
        }
    }
}
