/// The sets a trained model is evaluated on (training augmentation is always off here), and the optional
/// cross-validation of the training recipe.
public struct EvaluateConfig: Sendable, Equatable {
    /// Evaluation sets in report order; the default is one set named `test` at `data.test`. The first is the
    /// headline set (`metrics/classification_report.csv`, the table's first columns).
    public var sets: [EvaluationSet]
    /// Stratified k-fold cross-validation over the training clips, or nil for none.
    public var crossValidation: CrossValidationConfig?
    /// Few-shot accuracy of the model's embedding, or nil for none.
    public var fewShot: FewShotConfig?

    /// Evaluation on `sets`.
    public init(sets: [EvaluationSet], crossValidation: CrossValidationConfig? = nil) {
        self.sets = sets
        self.crossValidation = crossValidation
    }
}

extension EvaluateConfig {
    static var schema: ConfigSchema<EvaluateConfig> {
        ConfigSchema([
            .scalar("sets", type: "list of {name, path, map, transforms, noise}", note: "at least one; names unique",
                    shownDefault: "[{name: test, path: <data.test>}]",
                    read: { r, evaluate in evaluate.sets = readSets(r) },
                    write: { Resolved.list($0.sets.map(EvaluationSet.schema.resolved)) }),
            .scalar("cross_validation", type: "{folds} or null", note: "k-fold over the training clips, nothing from the sets",
                    read: { r, evaluate in
                        guard r.present("cross_validation") != nil else {
                            r.child("cross_validation").finish()
                            return
                        }
                        var cv = CrossValidationConfig()
                        CrossValidationConfig.schema.read(r.child("cross_validation"), into: &cv)
                        evaluate.crossValidation = cv
                    },
                    write: { $0.crossValidation.map(CrossValidationConfig.schema.resolved) ?? Resolved.null }),
            .optionalSection("few_shot", \.fewShot, FewShotConfig.schema, defaults: FewShotConfig(),
                             note: "k-shot nearest-prototype accuracy on the headline set from k training clips per class (needs model.embedding or a projection)"),
        ])
    }

    /// The sets listed, or one named `test` at `data.test` when none is.
    private static func readSets(_ r: ConfigReader) -> [EvaluationSet] {
        guard let v = r.present("sets") else { return [EvaluationSet(name: "test", path: r.context.data.test)] }
        let field = r.field("sets")
        guard let items = v.items else {
            r.sink.report(v.location, "\(field) must be a list of {name, path, map, transforms, noise}, got \(v)")
            return []
        }
        if items.isEmpty { r.sink.report(v.location, "\(field) must list at least one set (or be left out)") }
        var sets: [EvaluationSet] = [], names: Set<String> = []
        for (i, item) in items.enumerated() {
            let s = r.item(item, of: "sets", at: i)
            guard let set = EvaluationSet(s) else { continue }
            if !names.insert(set.name).inserted {
                s.report("name", "\(s.field("name")): another set is already named '\(set.name)'")
            }
            sets.append(set)
        }
        if let first = sets.first, first.isCurve {
            r.sink.report(items[0].location, "\(field).0: the first set is the headline set and cannot be a robustness curve "
                          + "(several noise folders or SNRs); put a single-condition set first")
        }
        return sets
    }
}

/// `evaluate.cross_validation`.
public struct CrossValidationConfig: Sendable, Equatable {
    /// Number of folds.
    public var folds = 5

    /// `folds` folds.
    public init(folds: Int = 5) { self.folds = folds }

    static var schema: ConfigSchema<CrossValidationConfig> {
        ConfigSchema([.int("folds", \.folds, .between(2, 20), "stratified by class; duplicates stay in one fold")])
    }
}
