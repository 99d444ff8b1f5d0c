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

/// A layer's type and constructor arguments (Keras names), enough to rebuild it with `LayerRegistry`.
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

    private func missing(_ key: String, _ what: String) -> ShapeError {
        ShapeError("\(type): option '\(key)' must be \(what), got \(options[key].map { "\($0)" } ?? "nothing")")
    }

    /// An integer option, `fallback` when absent.
    public func int(_ key: String, _ fallback: Int? = nil) throws -> Int {
        switch options[key] {
        case .int(let v)?: return v
        case .double(let v)? where v == v.rounded(): return Int(v)
        case nil: if let fallback { return fallback }
        default: break
        }
        throw missing(key, "an integer")
    }

    /// A float option (ints accepted), `fallback` when absent.
    public func float(_ key: String, _ fallback: Float? = nil) throws -> Float {
        switch options[key] {
        case .double(let v)?: return Float(v)
        case .int(let v)?: return Float(v)
        case nil: if let fallback { return fallback }
        default: break
        }
        throw missing(key, "a number")
    }

    /// A string option, `fallback` when absent.
    public func string(_ key: String, _ fallback: String? = nil) throws -> String {
        switch options[key] {
        case .string(let v)?: return v
        case nil: if let fallback { return fallback }
        default: break
        }
        throw missing(key, "a string")
    }

    /// A boolean option, `fallback` when absent.
    public func bool(_ key: String, _ fallback: Bool? = nil) throws -> Bool {
        switch options[key] {
        case .bool(let v)?: return v
        case nil: if let fallback { return fallback }
        default: break
        }
        throw missing(key, "true or false")
    }

    /// A list of integers; a single integer n is read as [n, n, ...] of length `count` when given.
    public func ints(_ key: String, count: Int? = nil, _ fallback: [Int]? = nil) throws -> [Int] {
        switch options[key] {
        case .list(let vs)?:
            let out = vs.compactMap { v -> Int? in if case .int(let i) = v { return i } else { return nil } }
            if out.count == vs.count, count == nil || out.count == count! { return out }
        case .int(let v)?: if let count { return Array(repeating: v, count: count) }
        case nil: if let fallback { return fallback }
        default: break
        }
        throw missing(key, count.map { "\($0) integers" } ?? "a list of integers")
    }
}

/// Config value helpers for layers writing their configs.
extension ConfigValue {
    /// A list of ints.
    static func ints(_ v: [Int]) -> ConfigValue { .list(v.map { .int($0) }) }
    /// A float stored as its shortest Double (so 0.99 stays 0.99 in YAML).
    static func float(_ v: Float) -> ConfigValue { .double(Double("\(v)")!) }
}
