/// A JSON/YAML-like value in a layer config.
public enum ConfigValue: Codable, Equatable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case list([ConfigValue])

    /// Decodes the first of bool, int, double, string, list that fits.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else { self = .list(try c.decode([ConfigValue].self)) }
    }

    /// Encodes as the plain value.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let v): try c.encode(v)
        case .double(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        case .list(let v): try c.encode(v)
        }
    }

    /// The value as written in YAML.
    public var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .string(let v): v
        case .bool(let v): "\(v)"
        case .list(let v): "[" + v.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// A layer's type and constructor arguments (Keras names), enough to rebuild it with `LayerRegistry`; its options are
/// checked against the layer's `LayerKind` there.
public struct LayerConfig: Codable, Equatable, Sendable {
    /// Keras class name, e.g. "Dense".
    public var type: String
    /// Constructor arguments by Keras name, e.g. ["units": .int(64)].
    public var options: [String: ConfigValue]

    /// A config of `type` with `options`.
    public init(type: String, options: [String: ConfigValue] = [:]) {
        self.type = type
        self.options = options
    }
}

/// Config value helpers for layers writing their configs.
extension ConfigValue {
    /// A list of ints.
    static func ints(_ v: [Int]) -> ConfigValue { .list(v.map { .int($0) }) }
    /// A float stored as its shortest Double (so 0.99 stays 0.99 in YAML).
    static func float(_ v: Float) -> ConfigValue { .double(Double("\(v)")!) }
}
