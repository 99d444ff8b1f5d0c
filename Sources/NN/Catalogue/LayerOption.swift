/// A typed handle on one option: a layer declares each of its options once, as a static `LayerOption`, and then
/// reads it (`options[Dense.units]`) and writes it into its config (`Dense.units.entry(units)`) through it, so
/// the key, the kind and the default are written in one place.
public struct LayerOption<Value>: Sendable {
    /// Key, kind and fallback.
    public let spec: OptionSpec
    private let decode: @Sendable (ConfigValue?) -> Value
    private let encode: @Sendable (Value) -> ConfigValue?

    /// An option of `kind`; `decode` reads a canonical value (nil only for `.derived` fallbacks), `encode` writes one
    /// as the config shows it (nil leaves the key out), and a `.value` fallback is written that way too.
    public init(_ key: String, _ kind: OptionKind, _ fallback: OptionSpec.Fallback,
                decode: @escaping @Sendable (ConfigValue?) -> Value, encode: @escaping @Sendable (Value) -> ConfigValue?) {
        spec = OptionSpec(key: key, kind: kind, fallback: fallback)
        self.decode = decode
        self.encode = encode
    }

    /// The value from checked options (the fallback filled in).
    func value(in values: [String: ConfigValue]) -> Value { decode(values[spec.key]) }

    /// The config entry for `value`, or nil when the value is the derived one and so left out.
    public func entry(_ value: Value) -> (key: String, value: ConfigValue)? { encode(value).map { (spec.key, $0) } }
}

/// The largest size any option accepts (units, filters, kernel and pool sizes, strides, ...): far above any model
/// this tool trains, and small enough that one layer's weights cannot ask for more memory than a machine has.
public let maximumOptionSize = 65_536

extension LayerOption where Value == Int {
    /// An integer option; without `default` it is required.
    public static func integer(_ key: String, _ range: ClosedRange<Int> = 1...maximumOptionSize, default d: Int? = nil) -> Self {
        Self(key, .integer(range), d.map { .value(.int($0)) } ?? .required,
             decode: { v in if case .int(let i)? = v { i } else { preconditionFailure("\(key) was not checked") } },
             encode: { .int($0) })
    }

    /// A window or step along one axis: an integer, or a list of one (Keras writes `(3,)`); written as an integer.
    public static func size1D(_ key: String, default d: Int? = nil) -> Self {
        Self(key, .integers(count: 1, 1...maximumOptionSize), d.map { .value(.int($0)) } ?? .required,
             decode: { v in checkedSizes(key, v)[0] }, encode: { .int($0) })
    }
}

extension LayerOption where Value == Int? {
    /// A 1-D step that defaults to another option (`strides` of pooling defaults to `pool_size`).
    public static func size1D(_ key: String, derivedFrom other: String) -> Self {
        Self(key, .integers(count: 1, 1...maximumOptionSize), .derived(other),
             decode: { v in v.map { checkedSizes(key, $0)[0] } }, encode: { $0.map { .int($0) } })
    }
}

extension LayerOption where Value == [Int] {
    /// A window or step per spatial axis: `count` integers, or one standing for all.
    public static func sizes(_ key: String, count: Int, default d: [Int]? = nil) -> Self {
        Self(key, .integers(count: count, 1...maximumOptionSize), d.map { .value(.list($0.map { .int($0) })) } ?? .required,
             decode: { v in checkedSizes(key, v) }, encode: { .list($0.map { .int($0) }) })
    }

    /// A target shape (sizes, at most one -1).
    public static func shape(_ key: String) -> Self {
        Self(key, .shape(1...maximumOptionSize), .required, decode: { v in checkedSizes(key, v) }, encode: { .list($0.map { .int($0) }) })
    }
}

extension LayerOption where Value == [Int]? {
    /// Steps per spatial axis that default to another option.
    public static func sizes(_ key: String, count: Int, derivedFrom other: String) -> Self {
        Self(key, .integers(count: count, 1...maximumOptionSize), .derived(other),
             decode: { v in v.map { checkedSizes(key, $0) } }, encode: { $0.map { .list($0.map { .int($0) }) } })
    }
}

extension LayerOption where Value == Float {
    /// A real option (required without `default`), stored as Float (written back as its shortest decimal, so 0.99 stays 0.99).
    public static func number(_ key: String, _ range: NumberRange, default d: Float? = nil) -> Self {
        Self(key, .number(range), d.map { .value(.float($0)) } ?? .required,
             decode: { v in if case .double(let x)? = v { Float(x) } else { preconditionFailure("\(key) was not checked") } },
             encode: { .float($0) })
    }
}

extension LayerOption where Value == Bool {
    /// A boolean option; `only` restricts it to the one value implemented.
    public static func boolean(_ key: String, default d: Bool, only: Bool? = nil) -> Self {
        Self(key, .boolean(only: only), .value(.bool(d)),
             decode: { v in if case .bool(let b)? = v { b } else { preconditionFailure("\(key) was not checked") } },
             encode: { .bool($0) })
    }
}

extension LayerOption where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// One of an enum's raw values (`only` narrows them, e.g. padding without `causal`); `aliases` are other spellings,
    /// `listedAs` names the set for the docs.
    public static func choice(_ key: String, default d: Value?, only: [Value]? = nil, aliases: [String: Value] = [:],
                              listedAs: String? = nil) -> Self {
        let names = (only ?? Array(Value.allCases)).map(\.rawValue)
        let kind = OptionKind.choice(names, aliases: aliases.mapValues(\.rawValue), listedAs: listedAs)
        return Self(key, kind, d.map { .value(.string($0.rawValue)) } ?? .required,
                    decode: { v in
                        guard case .string(let s)? = v, let e = Value(rawValue: s) else { preconditionFailure("\(key) was not checked") }
                        return e
                    },
                    encode: { .string($0.rawValue) })
    }
}

extension LayerOption where Value == String {
    /// A string that must be one of `names` (e.g. Bidirectional's `layer: GRU`).
    public static func name(_ key: String, default d: String, only names: [String]) -> Self {
        Self(key, .choice(names), .value(.string(d)),
             decode: { v in if case .string(let s)? = v { s } else { preconditionFailure("\(key) was not checked") } },
             encode: { .string($0) })
    }
}

/// The integers of a checked list.
private func checkedSizes(_ key: String, _ v: ConfigValue?) -> [Int] {
    guard case .list(let items)? = v else { preconditionFailure("\(key) was not checked") }
    return items.map { if case .int(let i) = $0 { i } else { preconditionFailure("\(key) was not checked") } }
}

extension LayerOption where Value == Bool {
    /// `use_bias`, true by default.
    public static var useBias: Self { boolean("use_bias", default: true) }
}
