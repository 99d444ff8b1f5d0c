import RunStore

/// Accuracy, the confusion matrix and scikit-learn's `classification_report` of predictions against the truth.
/// The report (per-class rows and their averages) is RunStore's `ClassificationReport`, the same type that is
/// written to and read from `metrics/classification_report.csv`, so the averages are computed in one place.
public struct ClassificationMetrics: Sendable, Equatable {
    /// confusion[true][predicted] counts.
    public let confusion: [[Int]]
    /// Per-class rows, accuracy, macro and weighted averages.
    public let report: ClassificationReport

    /// Class names, index = label.
    public var classes: [String] { report.classes.map(\.name) }
    /// One row per class, in label order.
    public var perClass: [ReportRow] { report.classes }
    /// Fraction of samples predicted correctly.
    public var accuracy: Double { report.accuracy }
    /// Unweighted mean over the classes the truth holds (sklearn's "macro avg" over the labels present).
    public var macro: ReportRow { report.macroAvg }
    /// Support-weighted mean over classes (sklearn's "weighted avg").
    public var weighted: ReportRow { report.weightedAvg }

    /// Metrics of `predicted` against `truth` (labels in 0..<classes.count).
    /// A class never predicted has precision 0, as sklearn's `zero_division=0` reports it.
    public init(truth: [Int], predicted: [Int], classes: [String]) {
        precondition(truth.count == predicted.count, "truth and predictions differ in length")
        let k = classes.count
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (t, p) in zip(truth, predicted) { confusion[t][p] += 1 }
        var rows: [ReportRow] = []
        for c in 0..<k {
            let tp = Double(confusion[c][c])
            let support = confusion[c].reduce(0, +)
            let predictedAsC = (0..<k).reduce(0) { $0 + confusion[$1][c] }
            let precision = predictedAsC > 0 ? tp / Double(predictedAsC) : 0
            let recall = support > 0 ? tp / Double(support) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            rows.append(ReportRow(name: classes[c], precision: precision, recall: recall, f1: f1, support: support))
        }
        let n = truth.count
        let correct = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
        self.confusion = confusion
        self.report = ClassificationReport(classes: rows, accuracy: n > 0 ? Double(correct) / Double(n) : 0)
    }

    /// Classes with no example in the truth: left out of the macro averages, and worth a word to the user.
    public var absentClasses: [String] { report.classes.filter { $0.support == 0 }.map(\.name) }
}
