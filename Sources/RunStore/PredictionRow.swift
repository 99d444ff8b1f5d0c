import Foundation

/// One scored clip, a line of `metrics/predictions.csv` (or a set's `metrics/sets/<name>/predictions.csv`): what
/// the model said about it and how sure it was of each class, so errors can be listened to and calibration checked.
public struct PredictionRow: Sendable, Equatable {
    /// The evaluation set's name.
    public var set: String
    /// The clip's path relative to the dataset root (`Test/Cat/cat_1.wav`).
    public var clip: String
    /// Its class, and the class the model gave it.
    public var trueClass: String
    public var predictedClass: String
    /// The probability of every class, in `labels.json` order.
    public var probabilities: [Double]

    public init(set: String, clip: String, trueClass: String, predictedClass: String, probabilities: [Double]) {
        self.set = set
        self.clip = clip
        self.trueClass = trueClass
        self.predictedClass = predictedClass
        self.probabilities = probabilities
    }

    static let fixedHeader = ["set", "clip", "true_class", "predicted_class"]

    /// The rows as CSV text: the fixed columns, then one `p_<class>` column per class of `labels`.
    public static func csv(_ rows: [PredictionRow], labels: [String]) throws -> String {
        try CSVTable(header: fixedHeader + labels.map { "p_" + $0 },
                     rows: rows.map { [$0.set, $0.clip, $0.trueClass, $0.predictedClass] + $0.probabilities.map(MetricFormat.fixed) }).text()
    }

    /// Parses a predictions file (its class columns are whatever its header names).
    public static func parse(_ text: String, path: String) throws -> [PredictionRow] {
        let table = try CSVTable.parse(text, path: path)
        guard Array(table.header.prefix(fixedHeader.count)) == fixedHeader,
              table.header.dropFirst(fixedHeader.count).allSatisfy({ $0.hasPrefix("p_") }) else {
            throw RunStoreError.malformed(path: path, reason: "expected the columns \(fixedHeader.joined(separator: ",")),p_<class>...")
        }
        return try table.rows.enumerated().map { i, row in
            let p = try row.dropFirst(fixedHeader.count).map { cell -> Double in
                guard let v = MetricFormat.parse(cell) else {
                    throw RunStoreError.malformed(path: path, reason: "row \(i + 1): '\(cell)' is not a probability")
                }
                return v
            }
            return PredictionRow(set: row[0], clip: row[1], trueClass: row[2], predictedClass: row[3], probabilities: p)
        }
    }
}
