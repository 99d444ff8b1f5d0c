import Foundation

/// A `--set path=value` override: a dotted path (integers index lists) and a YAML scalar or flow value.
struct ConfigOverride: Sendable, Hashable, CustomStringConvertible {
    /// The path segments, e.g. `["augmentation", "0", "p"]`.
    var path: [String]
    /// The value text after `=`, parsed as YAML when applied.
    var valueText: String

    /// Parses `train.epochs=5`; throws a diagnostic located at `--set <text>` when there is no `=` or no path.
    init(parsing text: String) throws(ConfigError) {
        let location = SourceLocation("--set \(text)")
        guard let equals = text.firstIndex(of: "=") else {
            throw ConfigError([ConfigDiagnostic(location, "an override must look like path.to.key=value")])
        }
        let segments = text[..<equals].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !segments.isEmpty, !segments.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw ConfigError([ConfigDiagnostic(location, "an override path must be dot-separated keys, e.g. train.epochs")])
        }
        path = segments
        valueText = String(text[text.index(after: equals)...])
    }

    /// The override as the user typed it, `train.epochs=5`.
    var description: String { path.joined(separator: ".") + "=" + valueText }

    /// Where diagnostics about this override point.
    var location: SourceLocation { SourceLocation("--set \(description)") }

    /// Sets the value in `tree`, creating missing mappings on the way. Unknown keys are left for validation
    /// to report, with this override as their location.
    func apply(to tree: YAMLValue) throws(ConfigError) -> YAMLValue {
        if path.first == "extends" {
            throw ConfigError([ConfigDiagnostic(location, "extends cannot be overridden: bases are merged before overrides")])
        }
        let value = try YAMLReading.parseOverrideValue(valueText, location: location)
        return try set(value, at: path[...], in: tree, walked: [])
    }

    private func set(_ value: YAMLValue, at path: ArraySlice<String>, in node: YAMLValue, walked: [String])
        throws(ConfigError) -> YAMLValue
    {
        guard let head = path.first else { return value }
        let rest = path.dropFirst()
        let here = walked + [head]
        switch node.kind {
        case .list(var items):
            guard let index = Int(head) else {
                throw ConfigError([ConfigDiagnostic(location,
                    "\(dotted(walked)) is a list: index it with a number, not '\(head)'")])
            }
            guard items.indices.contains(index) else {
                throw ConfigError([ConfigDiagnostic(location,
                    "\(dotted(walked)) has \(items.count) item\(items.count == 1 ? "" : "s"), no index \(index)")])
            }
            items[index] = try set(value, at: rest, in: items[index], walked: here)
            return YAMLValue(.list(items), at: node.location)
        case .map(var entries):
            if let i = entries.firstIndex(where: { $0.key == head }) {
                entries[i].value = try set(value, at: rest, in: entries[i].value, walked: here)
            } else {
                if let next = rest.first, Int(next) != nil {
                    throw ConfigError([ConfigDiagnostic(location,
                        "\(dotted(here)) is not set, so it has no item \(next)")])
                }
                let empty = YAMLValue(.map([]), at: location)
                entries.append(ConfigEntry(key: head, keyLocation: location,
                                           value: try set(value, at: rest, in: empty, walked: here)))
            }
            return YAMLValue(.map(entries), at: node.location)
        case .null:
            if Int(head) != nil {
                throw ConfigError([ConfigDiagnostic(location, "\(dotted(walked)) is null, so it has no item \(head)")])
            }
            let empty = YAMLValue(.map([]), at: location)
            return try set(value, at: path, in: empty, walked: walked)
        default:
            throw ConfigError([ConfigDiagnostic(location,
                "\(dotted(walked)) is \(node), not a mapping or list, so it has no '\(head)'")])
        }
    }

    private func dotted(_ segments: [String]) -> String {
        segments.isEmpty ? "the config" : segments.joined(separator: ".")
    }
}
