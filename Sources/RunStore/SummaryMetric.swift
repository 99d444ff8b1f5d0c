/// One number of a `SummaryRow` as the reports show it (`soundlab table --columns`, `soundlab diff`,
/// `--fail-on-regression`): its column name, decimals, which way is better and whether it counts something.
public struct SummaryMetric: Sendable {
    /// The column name, as in `metrics/summary.csv`.
    public let name: String
    /// Decimals in tables.
    public let decimals: Int
    /// True for scores, false for errors, sizes and times.
    public let higherIsBetter: Bool
    /// Parameters and epochs: whole numbers in diffs.
    public let isCount: Bool
    /// The value in a row, nil when the row predates the column.
    public let value: @Sendable (SummaryRow) -> Double?

    /// Every metric, in the order reports list them.
    public static let all: [SummaryMetric] = [
        SummaryMetric(name: "accuracy", decimals: 4, higherIsBetter: true, isCount: false) { $0.accuracy },
        SummaryMetric(name: "macro_f1", decimals: 4, higherIsBetter: true, isCount: false) { $0.macroF1 },
        SummaryMetric(name: "weighted_f1", decimals: 4, higherIsBetter: true, isCount: false) { $0.weightedF1 },
        SummaryMetric(name: "macro_precision", decimals: 4, higherIsBetter: true, isCount: false) { $0.macroPrecision },
        SummaryMetric(name: "macro_recall", decimals: 4, higherIsBetter: true, isCount: false) { $0.macroRecall },
        SummaryMetric(name: "ece", decimals: 3, higherIsBetter: false, isCount: false) { $0.ece },
        SummaryMetric(name: "out_of_set", decimals: 3, higherIsBetter: false, isCount: false) { $0.outOfSet },
        SummaryMetric(name: "parameters", decimals: 0, higherIsBetter: false, isCount: true) { Double($0.parameters) },
        SummaryMetric(name: "train_seconds", decimals: 1, higherIsBetter: false, isCount: false) { $0.trainSeconds },
        SummaryMetric(name: "epochs_run", decimals: 1, higherIsBetter: false, isCount: true) { Double($0.epochsRun) },
    ]

    /// The metric named `name`, if any.
    public static func named(_ name: String) -> SummaryMetric? { all.first { $0.name == name } }
}
