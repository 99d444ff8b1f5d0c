import RunStore

/// How far the probability of the predicted class is from how often it is right: the reliability diagram's
/// bins and the expected calibration error (Guo et al. 2017): the bins' |accuracy − confidence| weighted by
/// their share of clips, over equal-width bins of confidence.
public struct Calibration: Sendable, Equatable {
    /// Equal-width bins over [0, 1], empty ones included (NaN confidence and accuracy).
    public let bins: [CalibrationBin]
    /// Expected calibration error, in [0, 1].
    public let ece: Double

    /// Calibration of `probabilities` (examples × classes, rows summing to 1) against `truth`, in `binCount`
    /// bins, labelled with the set's name.
    public init(set: String, probabilities: [Float], classes: Int, truth: [Int], binCount: Int = 15) {
        precondition(classes > 0 && probabilities.count == truth.count * classes, "probabilities do not match the truth")
        var count = [Int](repeating: 0, count: binCount), confidence = [Double](repeating: 0, count: binCount)
        var correct = [Int](repeating: 0, count: binCount)
        for (i, t) in truth.enumerated() {
            let row = probabilities[i * classes..<(i + 1) * classes]
            // The first maximum, as argmax picks the predicted class.
            var best = row.startIndex
            for j in row.indices where row[j] > row[best] { best = j }
            let p = Double(row[best])
            let b = min(Int(p * Double(binCount)), binCount - 1)
            count[b] += 1
            confidence[b] += p
            if best - row.startIndex == t { correct[b] += 1 }
        }
        var ece = 0.0
        bins = (0..<binCount).map { b in
            let n = count[b]
            let conf = n > 0 ? confidence[b] / Double(n) : .nan, acc = n > 0 ? Double(correct[b]) / Double(n) : .nan
            if n > 0 { ece += Double(n) / Double(max(truth.count, 1)) * abs(acc - conf) }
            return CalibrationBin(set: set, lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount),
                                  count: n, confidence: conf, accuracy: acc)
        }
        self.ece = ece
    }
}
