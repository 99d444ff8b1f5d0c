/// Builds the resolved tree that `ExperimentConfig.resolvedYAML` prints: every field, in schema order.
enum Resolved {
    static let location = SourceLocation("<resolved>")

    static func map(_ pairs: [(String, ConfigValue)]) -> ConfigValue {
        ConfigValue(.map(pairs.map { ConfigEntry(key: $0.0, keyLocation: location, value: $0.1) }), at: location)
    }

    static func list(_ items: [ConfigValue]) -> ConfigValue { ConfigValue(.list(items), at: location) }
    static func int(_ i: Int) -> ConfigValue { ConfigValue(.int(i), at: location) }
    static func bool(_ b: Bool) -> ConfigValue { ConfigValue(.bool(b), at: location) }
    static func string(_ s: String) -> ConfigValue { ConfigValue(.string(s), at: location) }
    static let null = ConfigValue(.null, at: location)

    /// Integral numbers print without a fraction (`0`, `20`); the schema reads either form as a number.
    static func number(_ d: Double) -> ConfigValue {
        if d.rounded() == d, abs(d) < 1e15 { return int(Int(d)) }
        return ConfigValue(.double(d), at: location)
    }

    static func number(_ d: Double?) -> ConfigValue { d.map(number) ?? null }
    static func int(_ i: Int?) -> ConfigValue { i.map(int) ?? null }
    static func range(_ r: ClosedRange<Double>) -> ConfigValue { list([number(r.lowerBound), number(r.upperBound)]) }
    static func strings(_ s: [String]) -> ConfigValue { list(s.map(string)) }
}
