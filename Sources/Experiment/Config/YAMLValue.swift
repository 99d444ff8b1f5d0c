/// A generic YAML value tree in which every node remembers where it was written.
///
/// Used for the parts of a config the config layer does not interpret (model layers, nodes, blocks), so that the
/// graph builder can still report `file:line:column: message`. Equality and hashing compare values only, never
/// locations: the same experiment written in two files is the same experiment.
public struct YAMLValue: Sendable, Hashable, CustomStringConvertible {
    /// The value itself.
    public enum Kind: Sendable, Hashable {
        /// YAML `null`, `~` or an empty value.
        case null
        /// `true`/`false` (and YAML 1.1 spellings such as `yes`/`no`).
        case bool(Bool)
        /// An integer scalar.
        case int(Int)
        /// A floating-point scalar.
        case double(Double)
        /// Any other scalar, including quoted numbers.
        case string(String)
        /// A sequence.
        case list([YAMLValue])
        /// A mapping, in the order the keys were written.
        case map([ConfigEntry])
    }

    /// The value.
    public var kind: Kind
    /// Where it was written.
    public var location: SourceLocation

    /// A value written at `location`.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// Same value, wherever each was written.
    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool { lhs.kind == rhs.kind }
    /// Hashes the value only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    /// The entries when this is a mapping.
    public var entries: [ConfigEntry]? {
        if case .map(let entries) = kind { return entries }
        return nil
    }

    /// The items when this is a list.
    public var items: [YAMLValue]? {
        if case .list(let items) = kind { return items }
        return nil
    }

    /// The string when this is a string scalar.
    public var string: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The integer when this is an integer scalar.
    public var int: Int? {
        if case .int(let i) = kind { return i }
        return nil
    }

    /// The number when this is an integer or floating-point scalar.
    public var double: Double? {
        switch kind {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The boolean when this is a boolean scalar.
    public var bool: Bool? {
        if case .bool(let b) = kind { return b }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// The value under `key` when this is a mapping that has it.
    public subscript(key: String) -> YAMLValue? {
        entries?.first { $0.key == key }?.value
    }

    /// The entry for `key` (with the key's own location) when this is a mapping that has it.
    public func entry(_ key: String) -> ConfigEntry? {
        entries?.first { $0.key == key }
    }

    /// A string as it may appear inside a one-line message: line breaks and other control characters escaped, and
    /// cut to 80 characters (a typo in a 900,000-character value is not worth echoing whole).
    static func oneLine(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars.prefix(80) {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return s.unicodeScalars.count > 80 ? out + "…" : out
    }

    /// How the value reads in a message: strings quoted, collections named by kind.
    public var description: String {
        switch kind {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return YAMLNumber.format(d)
        case .string(let s): return "'\(Self.oneLine(s))'"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}

/// One `key: value` pair of a mapping, with the location of the key itself (where unknown keys are reported).
public struct ConfigEntry: Sendable, Hashable {
    /// The key.
    public var key: String
    /// Where the key was written.
    public var keyLocation: SourceLocation
    /// The value.
    public var value: YAMLValue

    /// An entry whose key was written at `keyLocation`.
    public init(key: String, keyLocation: SourceLocation, value: YAMLValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }

    /// Same key and value, wherever each was written.
    public static func == (lhs: ConfigEntry, rhs: ConfigEntry) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }

    /// Hashes key and value only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
    }
}
