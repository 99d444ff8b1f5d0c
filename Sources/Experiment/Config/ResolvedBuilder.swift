/// Builds the resolved tree that `ExperimentConfig.resolvedYAML` prints: every field, in schema order.
enum Resolved {
    static let location = SourceLocation("<resolved>")

    static func map(_ pairs: [(String, YAMLValue)]) -> YAMLValue {
        YAMLValue(.map(pairs.map { ConfigEntry(key: $0.0, keyLocation: location, value: $0.1) }), at: location)
    }

    static func list(_ items: [YAMLValue]) -> YAMLValue { YAMLValue(.list(items), at: location) }
    static func int(_ i: Int) -> YAMLValue { YAMLValue(.int(i), at: location) }
    static func bool(_ b: Bool) -> YAMLValue { YAMLValue(.bool(b), at: location) }
    static func string(_ s: String) -> YAMLValue { YAMLValue(.string(s), at: location) }
    static let null = YAMLValue(.null, at: location)

    /// Integral numbers print without a fraction (`0`, `20`); the schema reads either form as a number.
    static func number(_ d: Double) -> YAMLValue {
        if d.rounded() == d, abs(d) < 1e15 { return int(Int(d)) }
        return YAMLValue(.double(d), at: location)
    }

    static func number(_ d: Double?) -> YAMLValue { d.map(number) ?? null }
    static func int(_ i: Int?) -> YAMLValue { i.map(int) ?? null }
    static func range(_ r: ClosedRange<Double>) -> YAMLValue { list([number(r.lowerBound), number(r.upperBound)]) }
    static func strings(_ s: [String]) -> YAMLValue { list(s.map(string)) }
    static func ints(_ i: [Int]) -> YAMLValue { list(i.map(int)) }
}
