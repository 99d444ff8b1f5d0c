/// Uniform draws built directly on `RandomNumberGenerator.next()`, so a seed gives the same numbers on
/// every Swift version (the stdlib's `random(in:using:)` algorithms are not promised to stay fixed).
///
/// Mapping, one `next()` per draw:
/// - `unitDouble`: the top 53 bits, `Double(next() >> 11) * 2^-53`, in [0, 1).
/// - `unitFloat`: the top 24 bits, `Float(next() >> 40) * 2^-24`, in [0, 1).
/// - `integer(below: n)`: the high word of `next() * n` (128-bit product), in 0..<n; the bias is below
///   n / 2^64, and unlike rejection sampling it never consumes a variable number of draws.
public enum UniformDraw {
    /// A Double in [0, 1) from the top 53 bits of one `next()`.
    @inlinable
    public static func unitDouble(_ g: inout some RandomNumberGenerator) -> Double {
        Double(g.next() >> 11) * 0x1p-53
    }

    /// A Float in [0, 1) from the top 24 bits of one `next()`.
    @inlinable
    public static func unitFloat(_ g: inout some RandomNumberGenerator) -> Float {
        Float(g.next() >> 40) * 0x1p-24
    }

    /// A Double in [range.lowerBound, range.upperBound] (upper end reached only when the range is a point).
    @inlinable
    public static func double(in range: ClosedRange<Double>, _ g: inout some RandomNumberGenerator) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unitDouble(&g)
    }

    /// An Int in 0..<n from one `next()` (multiply-high); `n` must be positive.
    @inlinable
    public static func integer(below n: Int, _ g: inout some RandomNumberGenerator) -> Int {
        precondition(n > 0, "integer(below:) needs a positive bound")
        return Int(g.next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// An Int in the closed range, from one `next()`.
    @inlinable
    public static func integer(in range: ClosedRange<Int>, _ g: inout some RandomNumberGenerator) -> Int {
        range.lowerBound + integer(below: range.upperBound - range.lowerBound + 1, &g)
    }

    /// True with probability `p`, from one `next()` (always drawn, so p = 0 and p = 1 consume it too).
    @inlinable
    public static func bernoulli(_ p: Double, _ g: inout some RandomNumberGenerator) -> Bool {
        unitDouble(&g) < p
    }
}
