/// The numbers a real-valued layer option accepts: an interval whose ends may be open, closed or absent.
public struct NumberRange: Sendable, Equatable {
    /// Lowest value, nil when unbounded below.
    public let lower: Double?
    /// Whether `lower` itself is excluded.
    public let lowerOpen: Bool
    /// Highest value, nil when unbounded above.
    public let upper: Double?
    /// Whether `upper` itself is excluded.
    public let upperOpen: Bool

    /// `a <= x <= b`.
    public static func closed(_ a: Double, _ b: Double) -> NumberRange { NumberRange(lower: a, lowerOpen: false, upper: b, upperOpen: false) }
    /// `a <= x < b`.
    public static func halfOpen(_ a: Double, _ b: Double) -> NumberRange { NumberRange(lower: a, lowerOpen: false, upper: b, upperOpen: true) }
    /// `x > a`.
    public static func greaterThan(_ a: Double) -> NumberRange { NumberRange(lower: a, lowerOpen: true, upper: nil, upperOpen: false) }

    /// Whether `x` lies inside (NaN never does).
    public func contains(_ x: Double) -> Bool {
        if let lower, lowerOpen ? !(x > lower) : !(x >= lower) { return false }
        if let upper, upperOpen ? !(x < upper) : !(x <= upper) { return false }
        return !x.isNaN
    }

    /// "in [0, 1)", "greater than 0", as the config's other ranges are worded.
    public var description: String {
        switch (lower, upper) {
        case let (a?, b?): "in \(lowerOpen ? "(" : "[")\(Self.text(a)), \(Self.text(b))\(upperOpen ? ")" : "]")"
        case let (a?, nil): lowerOpen ? "greater than \(Self.text(a))" : "at least \(Self.text(a))"
        case let (nil, b?): upperOpen ? "less than \(Self.text(b))" : "at most \(Self.text(b))"
        case (nil, nil): "finite"
        }
    }

    /// Integral values without a fraction.
    static func text(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
