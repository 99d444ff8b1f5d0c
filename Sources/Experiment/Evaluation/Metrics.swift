/// Per-class precision, recall, F1 and support, with the averages scikit-learn's `classification_report` prints.
public struct ClassificationMetrics: Sendable, Equatable {
    /// One row of the report.
    public struct Row: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
        /// A row from its four values.
        public init(precision: Double, recall: Double, f1: Double, support: Int) {
            self.precision = precision; self.recall = recall; self.f1 = f1; self.support = support
        }
    }

    /// Class names, index = label.
    public let classes: [String]
    /// confusion[true][predicted] counts.
    public let confusion: [[Int]]
    /// One row per class, in label order.
    public let perClass: [Row]
    /// Fraction of samples predicted correctly.
    public let accuracy: Double
    /// Unweighted mean over classes (sklearn's "macro avg").
    public let macro: Row
    /// Support-weighted mean over classes (sklearn's "weighted avg").
    public let weighted: Row

    /// Metrics of `predicted` against `truth` (labels in 0..<classes.count).
    /// A class never predicted has precision 0, as sklearn's `zero_division=0` reports it.
    public init(truth: [Int], predicted: [Int], classes: [String]) {
        precondition(truth.count == predicted.count, "truth and predictions differ in length")
        let k = classes.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (t, p) in zip(truth, predicted) { confusion[t][p] += 1 }
        var rows: [Row] = []
        for c in 0..<k {
            let tp = Double(confusion[c][c])
            let support = confusion[c].reduce(0, +)
            let predictedAsC = (0..<k).reduce(0) { $0 + confusion[$1][c] }
            let precision = predictedAsC > 0 ? tp / Double(predictedAsC) : 0
            let recall = support > 0 ? tp / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            rows.append(Row(precision: precision, recall: recall, f1: f1, support: support))
        }
        let n = truth.count
        let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
        func average(_ weight: (Row) -> Double) -> Row {
            let total = rows.reduce(0) { $0 + weight($1) }
            func avg(_ f: (Row) -> Double) -> Double {
                total > 0 ? rows.reduce(0) { $0 + f($1) * weight($1) } / total : 0
            }
            return Row(precision: avg(\.precision), recall: avg(\.recall), f1: avg(\.f1), support: n)
        }
        self.classes = classes
        self.confusion = confusion
        self.perClass = rows
        self.accuracy = n > 0 ? Double(correct) / Double(n) : 0
        self.macro = average { _ in 1 }
        self.weighted = average { Double($0.support) }
    }
}
