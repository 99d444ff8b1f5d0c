import Foundation

/// Predicts the class from one property bin alone: each bin gets the class most over-represented in it, counting
/// every training clip as 1 / (its class's training clips). Plain majority would hand every bin to the largest
/// classes (160 Bird, Cat and Dog against 19 Monkey), hiding that a small class lives in one bin; the weighted
/// majority is the rule that scores best on balanced accuracy, the metric the check reports. Ties go to the
/// earlier class, and a bin no training clip fell in gets the first class.
public enum OnePropertyClassifier {
    /// The class each of `binCount` bins predicts, learnt from `bins` and `labels`.
    public static func fit(bins: [Int], labels: [Int], binCount: Int, classCount: Int) -> [Int] {
        let table = ContingencyTable(bins: bins, labels: labels, binCount: binCount, classCount: classCount)
        let totals = table.classTotals
        return table.counts.map { row in
            var best = 0, bestScore = -1.0
            for c in 0..<classCount where totals[c] > 0 {
                let score = Double(row[c]) / Double(totals[c])
                if score > bestScore { (best, bestScore) = (c, score) }
            }
            return row.allSatisfy { $0 == 0 } ? 0 : best
        }
    }

    /// Each clip's prediction by the classifier fitted on the other folds.
    public static func crossValidate(bins: [Int], labels: [Int], folds: [Int], binCount: Int, classCount: Int) -> [Int] {
        var predicted = [Int](repeating: 0, count: bins.count)
        for f in Set(folds).sorted() {
            let train = bins.indices.filter { folds[$0] != f }
            let rule = fit(bins: train.map { bins[$0] }, labels: train.map { labels[$0] },
                           binCount: binCount, classCount: classCount)
            for i in bins.indices where folds[i] == f { predicted[i] = rule[bins[i]] }
        }
        return predicted
    }
}
