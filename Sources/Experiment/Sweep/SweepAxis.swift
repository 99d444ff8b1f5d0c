/// One swept setting: a dotted config path (as `--set` takes it) and the values it takes, as the user wrote them.
public struct SweepAxis: Sendable, Equatable, Codable {
    /// The dotted path, e.g. `train.optimizer.lr` or `augmentation.0.p`.
    public var key: String
    /// Each value as YAML text, e.g. `3e-4`; passed to `--set` unchanged.
    public var values: [String]
    /// Where the axis was written (`--grid ...`, or the key in a sweep file): problems with it are reported there.
    public var location: SourceLocation?

    enum CodingKeys: String, CodingKey { case key, values }

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// Parses `--grid train.optimizer.lr=1e-3,3e-4`: commas inside `[...]` or `{...}` belong to a flow value.
    public init(parsing text: String) throws(ConfigError) {
        let location = SourceLocation("--grid \(text)")
        guard let equals = text.firstIndex(of: "=") else {
            throw ConfigError([ConfigDiagnostic(location, "a grid must look like path.to.key=value1,value2")])
        }
        let key = String(text[..<equals])
        let values = Self.splitTopLevel(String(text[text.index(after: equals)...]))
        guard !values.isEmpty, !values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw ConfigError([ConfigDiagnostic(location, "a grid needs one or more comma-separated values, none empty")])
        }
        try self.init(checking: key, values: values, at: location)
    }

    /// An axis whose path and values are checked the way `--set` checks them (no `extends`, no empty segment,
    /// no repeated value), reported at `location`.
    init(checking key: String, values: [String], at location: SourceLocation) throws(ConfigError) {
        for v in values { _ = try ConfigOverride(parsing: "\(key)=\(v)") }
        if key.split(separator: ".").first == "extends" || key == "name" || key == "seed" {
            throw ConfigError([ConfigDiagnostic(location, "\(key) cannot be swept"
                + (key == "seed" ? " with a grid: use --seeds (or seeds: in a sweep file)" : ": it names or shapes the runs themselves"))])
        }
        if let dup = values.indices.first(where: { values[..<$0].contains(values[$0]) }) {
            throw ConfigError([ConfigDiagnostic(location, "\(key) lists \(values[dup]) twice")])
        }
        self.key = key
        self.values = values
        self.location = location
    }

    /// Splits at commas that are not nested in brackets or braces.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for ch in text {
            switch ch {
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            case "," where depth == 0:
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
            current.append(ch)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }
}
