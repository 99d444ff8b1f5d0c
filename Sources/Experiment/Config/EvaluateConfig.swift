/// The sets a trained model is evaluated on (augmentation is always off here).
public struct EvaluateConfig: Sendable, Equatable {
    /// Evaluation sets in report order; the default is one set named `test` at `data.test`.
    public var sets: [EvaluationSet]

    /// Evaluation on `sets`.
    public init(sets: [EvaluationSet]) { self.sets = sets }
}

/// One evaluation set: a folder of class subfolders, optionally with noise mixed in.
public struct EvaluationSet: Sendable, Equatable {
    /// Name used in reports and file names.
    public var name: String
    /// Folder relative to `data.root`, one subfolder per class.
    public var path: String
    /// Noise mixed into every clip (seeded from the experiment seed), or `nil` for clean audio.
    public var noise: EvaluationNoise?

    /// A set from its parts.
    public init(name: String, path: String, noise: EvaluationNoise? = nil) {
        self.name = name
        self.path = path
        self.noise = noise
    }
}

/// Noise for an evaluation set.
public struct EvaluationNoise: Sendable, Equatable {
    /// Noise clips folder, relative to `data.root`.
    public var folder: String
    /// SNR in dB, drawn uniformly per clip; a single number in YAML means a fixed SNR.
    public var snrDB: ClosedRange<Double>

    /// Noise from `folder` at `snrDB`.
    public init(folder: String, snrDB: ClosedRange<Double>) {
        self.folder = folder
        self.snrDB = snrDB
    }
}

extension EvaluateConfig {
    static var schema: ConfigSchema<EvaluateConfig> {
        ConfigSchema([
            .scalar("sets", type: "list of {name, path, noise}", note: "at least one; names unique",
                    shownDefault: "[{name: test, path: <data.test>}]",
                    read: { r, evaluate in evaluate.sets = readSets(r) },
                    write: { Resolved.list($0.sets.map(EvaluationSet.schema.resolved)) }),
        ])
    }

    /// The sets listed, or one named `test` at `data.test` when none is.
    private static func readSets(_ r: ConfigReader) -> [EvaluationSet] {
        guard let v = r.present("sets") else { return [EvaluationSet(name: "test", path: r.context.data.test)] }
        let field = r.field("sets")
        guard let items = v.items else {
            r.sink.report(v.location, "\(field) must be a list of {name, path, noise}, got \(v)")
            return []
        }
        if items.isEmpty { r.sink.report(v.location, "\(field) must list at least one set (or be left out)") }
        var sets: [EvaluationSet] = [], names: Set<String> = []
        for (i, item) in items.enumerated() {
            let s = r.item(item, of: "sets", at: i)
            guard s.present("name") != nil, s.present("path") != nil else {
                s.sink.report(s.location, "\(s.path) needs a name and a path")
                _ = s.value("noise")
                s.finish()
                continue
            }
            var set = EvaluationSet(name: "", path: "")
            EvaluationSet.schema.read(s, into: &set)
            if !names.insert(set.name).inserted {
                s.report("name", "\(s.field("name")): another set is already named '\(set.name)'")
            }
            sets.append(set)
        }
        return sets
    }
}

extension EvaluationSet {
    static var schema: ConfigSchema<EvaluationSet> {
        ConfigSchema([
            .string("name", \.name, "used in reports"),
            .string("path", \.path, "relative to `data.root`; must exist"),
            .scalar("noise", type: "{folder, snr_db} or null", note: "noise mixed into every clip",
                    read: { r, set in
                        guard r.present("noise") != nil else {
                            r.child("noise").finish()
                            return
                        }
                        var noise = EvaluationNoise(folder: r.context.data.noise, snrDB: 0...20)
                        EvaluationNoise.schema.read(r.child("noise"), into: &noise)
                        set.noise = noise
                    },
                    write: { $0.noise.map(EvaluationNoise.schema.resolved) ?? Resolved.null }),
        ], check: { set, r in
            r.context.checks.require(set.path, field: r.field("path"), at: r.location(of: "path"))
        })
    }
}

extension EvaluationNoise {
    static var schema: ConfigSchema<EvaluationNoise> {
        ConfigSchema([
            .string("folder", \.folder, "relative to `data.root`; must exist", shownDefault: "data.noise"),
            .range("snr_db", \.snrDB, .between(-30, 100), allowSingle: true, "a number is a fixed SNR"),
        ], check: { noise, r in
            r.context.checks.require(noise.folder, field: r.field("folder"), at: r.location(of: "folder"))
        })
    }
}
