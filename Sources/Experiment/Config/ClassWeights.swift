/// Per-class weights in the loss.
public enum ClassWeights: Sendable, Equatable {
    /// Every class weighs 1 (YAML `none`).
    case unweighted
    /// Weights inversely proportional to class frequency in the training split (YAML `balanced`).
    case balanced
    /// Explicit weights by class name (YAML mapping); classes not named weigh 1.
    case explicit([String: Double])

    /// The `class_weights` key.
    static func key<Root>(_ path: WritableKeyPath<Root, ClassWeights>) -> ConfigKey<Root> {
        .scalar("class_weights", type: "none | balanced | {Class: weight greater than 0}",
                note: "`balanced` = inverse class frequency; unnamed classes weigh 1; names must be classes",
                read: { r, root in root[keyPath: path] = read(r) },
                write: { weights in
                    switch weights[keyPath: path] {
                    case .unweighted: Resolved.string("none")
                    case .balanced: Resolved.string("balanced")
                    case .explicit(let w): Resolved.map(w.keys.sorted().map { ($0, Resolved.number(w[$0]!)) })
                    }
                })
    }

    private static func read(_ r: ConfigReader) -> ClassWeights {
        let field = r.field("class_weights")
        guard let v = r.present("class_weights") else { return .unweighted }
        switch v.string {
        case "none": return .unweighted
        case "balanced": return .balanced
        default: break
        }
        guard let entries = v.entries else {
            let hint = v.string.map { Suggestion.hint(for: $0, in: ["none", "balanced"]) } ?? ""
            r.sink.report(v.location, "\(field) must be none, balanced or a mapping of class: weight, got \(v)\(hint)")
            return .unweighted
        }
        let checks = r.context.checks
        var weights: [String: Double] = [:]
        for entry in entries {
            if let w = r.checkedDouble(entry.value, field: "\(field).\(entry.key)", .greaterThan(0)) {
                weights[entry.key] = w
            }
            if let declared = checks.declaredClasses {
                if !declared.contains(entry.key) {
                    r.sink.report(entry.keyLocation, "\(field): '\(entry.key)' is not in data.classes"
                                  + Suggestion.hint(for: entry.key, in: declared))
                }
            } else {
                checks.classWeights.append((entry.key, field, entry.keyLocation))
            }
        }
        return .explicit(weights)
    }
}
