import Foundation

/// The headline numbers of a run on one evaluation set: a row of `metrics/summary.csv`, what
/// `soundlab table` reads.
public struct SummaryRow: Sendable, Equatable {
    /// Experiment name.
    public var experiment: String
    /// Evaluation set name (e.g. `test`); nil when the run has a single set, and then the file
    /// has no `set` column.
    public var set: String?
    /// Accuracy.
    public var accuracy: Double
    /// Macro-averaged F1.
    public var macroF1: Double
    /// Support-weighted F1.
    public var weightedF1: Double
    /// Macro-averaged precision.
    public var macroPrecision: Double
    /// Macro-averaged recall.
    public var macroRecall: Double
    /// Number of trainable parameters.
    public var parameters: Int
    /// Training wall-clock seconds.
    public var trainSeconds: Double
    /// Epochs actually run (early stopping may stop before the schedule's end).
    public var epochsRun: Int
    /// Seed of the run.
    public var seed: UInt64
    /// Expected calibration error of the predicted class's probability (15 equal-width bins); nil in files
    /// written before it was measured.
    public var ece: Double?
    /// Fraction of clips predicted as a class the set holds no clip of (errors by construction); nil in files
    /// written before it was measured.
    public var outOfSet: Double?

    /// A summary row.
    public init(experiment: String, set: String? = nil, accuracy: Double, macroF1: Double, weightedF1: Double,
                macroPrecision: Double, macroRecall: Double, parameters: Int, trainSeconds: Double, epochsRun: Int,
                seed: UInt64, ece: Double? = nil, outOfSet: Double? = nil) {
        self.experiment = experiment
        self.set = set
        self.accuracy = accuracy
        self.macroF1 = macroF1
        self.weightedF1 = weightedF1
        self.macroPrecision = macroPrecision
        self.macroRecall = macroRecall
        self.parameters = parameters
        self.trainSeconds = trainSeconds
        self.epochsRun = epochsRun
        self.seed = seed
        self.ece = ece
        self.outOfSet = outOfSet
    }

    static let metricsHeader = ["accuracy", "macro_f1", "weighted_f1", "macro_precision", "macro_recall",
                                "parameters", "train_seconds", "epochs_run", "seed"]
    /// Columns added later: read when present, always written.
    static let laterHeader = ["ece", "out_of_set"]

    /// `metrics/summary.csv` for these rows; a `set` column appears when any row names its set.
    public static func csv(_ rows: [SummaryRow]) throws -> String {
        let withSet = rows.contains { $0.set != nil }
        let header = ["experiment"] + (withSet ? ["set"] : []) + metricsHeader + laterHeader
        let body = rows.map { r in
            [r.experiment] + (withSet ? [r.set ?? ""] : [])
                + [MetricFormat.fixed(r.accuracy), MetricFormat.fixed(r.macroF1), MetricFormat.fixed(r.weightedF1),
                   MetricFormat.fixed(r.macroPrecision), MetricFormat.fixed(r.macroRecall), String(r.parameters),
                   MetricFormat.fixed(r.trainSeconds), String(r.epochsRun), String(r.seed),
                   r.ece.map(MetricFormat.fixed) ?? "", r.outOfSet.map(MetricFormat.fixed) ?? ""]
        }
        return try CSVTable(header: header, rows: body).text()
    }

    /// Reads `metrics/summary.csv` text, with or without the `set` column.
    public static func parse(csv text: String, path: String) throws -> [SummaryRow] {
        let table = try CSVTable.parse(text, path: path)
        let withSet = table.header.count > 1 && table.header[1] == "set"
        let base = ["experiment"] + (withSet ? ["set"] : []) + metricsHeader
        let later = table.header.count > base.count
        try table.require(header: base + (later ? laterHeader : []), path: path)
        guard !table.rows.isEmpty else {
            throw RunStoreError.malformed(path: path, reason: "no summary row")
        }
        return try table.rows.map { f in
            let m = Array(f.dropFirst(withSet ? 2 : 1))
            func n(_ i: Int) throws -> Double { try CSVTable.number(m[i], column: metricsHeader[i], path: path) }
            guard let seed = UInt64(m[8]) else {
                throw RunStoreError.malformed(path: path, reason: "'\(m[8])' in column seed is not an unsigned integer")
            }
            func optional(_ i: Int) throws -> Double? {
                guard later, !m[i].isEmpty else { return nil }
                return try CSVTable.number(m[i], column: laterHeader[i - metricsHeader.count], path: path)
            }
            return SummaryRow(
                experiment: f[0], set: withSet ? f[1] : nil, accuracy: try n(0), macroF1: try n(1),
                weightedF1: try n(2), macroPrecision: try n(3), macroRecall: try n(4),
                parameters: try CSVTable.integer(m[5], column: "parameters", path: path), trainSeconds: try n(6),
                epochsRun: try CSVTable.integer(m[7], column: "epochs_run", path: path), seed: seed,
                ece: try optional(9), outOfSet: try optional(10))
        }
    }
}
