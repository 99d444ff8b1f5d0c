/// The layer table of docs/experiments.md, generated from the registry so the docs cannot drift from the code
/// (a test compares them).
extension LayerRegistry {
    /// One row per kind: YAML type, Keras names, options (default, accepted values), what it does; then the
    /// choice sets the rows refer to by name.
    public static var markdownTable: String {
        var lines = ["| `type` | Keras class | options | does |", "|---|---|---|---|"]
        var sets: [(name: String, values: [String], aliases: [String: String])] = []
        for kind in kinds {
            let options = kind.options.map { spec -> String in
                let accepted: String
                if case let .choice(names, aliases, listedAs?) = spec.kind {
                    if !sets.contains(where: { $0.name == listedAs }) { sets.append((listedAs, names, aliases)) }
                    accepted = "an \(listedAs)"
                } else {
                    accepted = spec.kind.description
                }
                switch spec.fallback {
                case .required: return "`\(spec.key)` (required): \(accepted)"
                case .value(let v): return "`\(spec.key)` = `\(v)`: \(accepted)"
                case .derived(let from): return "`\(spec.key)` = `\(from)`: \(accepted)"
                }
            }
            let names = ([kind.name] + kind.aliases).map { "`\($0)`" }.joined(separator: ", ")
            lines.append("| `\(kind.yamlName)` | \(names) | \(options.isEmpty ? "none" : options.joined(separator: "<br>")) | \(kind.summary) |")
        }
        lines.append("")
        for set in sets {
            let aliases = set.aliases.sorted { $0.key < $1.key }.map { "`\($0.key)` for `\($0.value)`" }
            let also = aliases.isEmpty ? "" : " (also \(aliases.joined(separator: ", ")))"
            lines.append("An \(set.name) is one of \(set.values.map { "`\($0)`" }.joined(separator: ", "))\(also).")
        }
        return lines.joined(separator: "\n")
    }
}
