import Foundation

/// One point of a robustness curve: an evaluation set mixed with one noise type at one SNR. A row of
/// `metrics/robustness.csv`.
public struct RobustnessRow: Sendable, Equatable {
    /// Evaluation set.
    public var set: String
    /// Noise type (the noise folder's last path component).
    public var noise: String
    /// Signal-to-noise ratio in dB.
    public var snrDB: Double
    /// Accuracy.
    public var accuracy: Double
    /// Macro-F1 over the classes the set holds.
    public var macroF1: Double
    /// Support-weighted F1.
    public var weightedF1: Double
    /// Expected calibration error.
    public var ece: Double
    /// Fraction of clips predicted as a class the set does not hold.
    public var outOfSet: Double
    /// Clips scored.
    public var clips: Int

    /// A point from its parts.
    public init(set: String, noise: String, snrDB: Double, accuracy: Double, macroF1: Double, weightedF1: Double,
                ece: Double, outOfSet: Double, clips: Int) {
        self.set = set
        self.noise = noise
        self.snrDB = snrDB
        self.accuracy = accuracy
        self.macroF1 = macroF1
        self.weightedF1 = weightedF1
        self.ece = ece
        self.outOfSet = outOfSet
        self.clips = clips
    }

    static let header = ["set", "noise", "snr_db", "accuracy", "macro_f1", "weighted_f1", "ece", "out_of_set", "clips"]

    /// `metrics/robustness.csv` for these points.
    public static func csv(_ rows: [RobustnessRow]) throws -> String {
        try CSVTable(header: header, rows: rows.map {
            [$0.set, $0.noise, MetricFormat.significant($0.snrDB), MetricFormat.fixed($0.accuracy), MetricFormat.fixed($0.macroF1),
             MetricFormat.fixed($0.weightedF1), MetricFormat.fixed($0.ece), MetricFormat.fixed($0.outOfSet), String($0.clips)]
        }).text()
    }

    /// Reads `metrics/robustness.csv` text.
    public static func parse(csv text: String, path: String) throws -> [RobustnessRow] {
        let table = try CSVTable.parse(text, path: path)
        try table.require(header: header, path: path)
        return try table.rows.map { f in
            func n(_ i: Int) throws -> Double { try CSVTable.number(f[i], column: header[i], path: path) }
            return RobustnessRow(set: f[0], noise: f[1], snrDB: try n(2), accuracy: try n(3), macroF1: try n(4),
                                 weightedF1: try n(5), ece: try n(6), outOfSet: try n(7),
                                 clips: try CSVTable.integer(f[8], column: "clips", path: path))
        }
    }
}
