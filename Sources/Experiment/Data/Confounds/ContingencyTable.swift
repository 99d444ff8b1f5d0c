import Foundation

/// Clips counted by property bin (rows) and class (columns).
public struct ContingencyTable: Sendable {
    /// `counts[bin][label]`.
    public var counts: [[Int]]

    public init(bins: [Int], labels: [Int], binCount: Int, classCount: Int) {
        counts = Array(repeating: Array(repeating: 0, count: classCount), count: binCount)
        for (b, c) in zip(bins, labels) { counts[b][c] += 1 }
    }

    /// Clips per class.
    public var classTotals: [Int] { counts.indices.isEmpty ? [] : counts[0].indices.map { c in counts.reduce(0) { $0 + $1[c] } } }

    /// Pearson's χ² of independence over the rows and columns that hold clips.
    public var chiSquare: Double {
        let rows = counts.map { $0.reduce(0, +) }, cols = classTotals
        let n = Double(rows.reduce(0, +))
        guard n > 0 else { return 0 }
        var chi = 0.0
        for (r, row) in counts.enumerated() where rows[r] > 0 {
            for (c, observed) in row.enumerated() where cols[c] > 0 {
                let expected = Double(rows[r]) * Double(cols[c]) / n
                chi += (Double(observed) - expected) * (Double(observed) - expected) / expected
            }
        }
        return chi
    }

    /// Cramér's V = √(χ² / (n · (min(rows, columns) − 1))), rows and columns counted only where they hold clips:
    /// 0 when the bins tell nothing about the class, 1 when each class sits in bins of its own. 0 when there is a
    /// single bin or class.
    public var cramersV: Double {
        let rows = counts.filter { $0.contains { $0 > 0 } }.count
        let cols = classTotals.filter { $0 > 0 }.count
        let n = counts.reduce(0) { $0 + $1.reduce(0, +) }
        let k = min(rows, cols) - 1
        guard k > 0, n > 0 else { return 0 }
        return (chiSquare / (Double(n) * Double(k))).squareRoot()
    }
}
