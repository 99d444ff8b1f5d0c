import Foundation

/// Lower quartile, median and upper quartile of a set of values, interpolated linearly between order statistics
/// (numpy's default), so a class's spread reads the same here as in a notebook.
public struct Quartiles: Sendable, Equatable, Codable {
    /// 25th percentile.
    public var q1: Double
    /// 50th percentile.
    public var median: Double
    /// 75th percentile.
    public var q3: Double

    public init(q1: Double, median: Double, q3: Double) {
        self.q1 = q1
        self.median = median
        self.q3 = q3
    }

    /// Quartiles of `values`, or nil when there are none.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        q1 = Self.quantile(sorted, 0.25)
        median = Self.quantile(sorted, 0.5)
        q3 = Self.quantile(sorted, 0.75)
    }

    /// The `p`-quantile (0...1) of ascending, non-empty `sorted`: position p·(n−1), interpolated between neighbours.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of no values")
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down)), above = Swift.min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return fraction == 0 ? sorted[below] : sorted[below] + fraction * (sorted[above] - sorted[below])
    }
}
