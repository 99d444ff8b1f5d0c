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
    init(_ r: ConfigReader, data: DataConfig, checks: FolderChecks) {
        sets = []
        let field = r.field("sets")
        if let v = r.present("sets") {
            if let items = v.items {
                if items.isEmpty { r.sink.report(v.location, "\(field) must list at least one set (or be left out)") }
                var names: Set<String> = []
                for (i, item) in items.enumerated() {
                    let s = ConfigReader(item, path: "\(field).\(i)", fallback: item.location, sink: r.sink)
                    guard let set = EvaluationSet(s, data: data, checks: checks) else { continue }
                    if !names.insert(set.name).inserted {
                        s.report("name", "\(s.field("name")): another set is already named '\(set.name)'")
                    }
                    sets.append(set)
                }
            } else {
                r.sink.report(v.location, "\(field) must be a list of {name, path, noise}, got \(v)")
            }
        }
        if r.present("sets") == nil {
            sets = [EvaluationSet(name: "test", path: data.test)]
        }
        r.finish()
    }

    var resolved: ConfigValue {
        Resolved.map([("sets", Resolved.list(sets.map { set in
            var pairs: [(String, ConfigValue)] = [("name", Resolved.string(set.name)), ("path", Resolved.string(set.path))]
            if let noise = set.noise {
                pairs.append(("noise", Resolved.map([("folder", Resolved.string(noise.folder)),
                                                     ("snr_db", Resolved.range(noise.snrDB))])))
            } else {
                pairs.append(("noise", Resolved.null))
            }
            return Resolved.map(pairs)
        }))])
    }
}

extension EvaluationSet {
    init?(_ s: ConfigReader, data: DataConfig, checks: FolderChecks) {
        guard s.present("name") != nil, s.present("path") != nil else {
            s.sink.report(s.location, "\(s.path) needs a name and a path")
            _ = s.value("noise")
            s.finish()
            return nil
        }
        name = s.string("name", default: "")
        path = s.string("path", default: "")
        checks.require(path, field: s.field("path"), at: s.location(of: "path"))
        let n = s.child("noise")
        if s.present("noise") != nil {
            let folder = n.string("folder", default: data.noise)
            noise = EvaluationNoise(folder: folder, snrDB: n.range("snr_db", default: 0...20, allowSingle: true))
            checks.require(folder, field: n.field("folder"), at: n.location(of: "folder"))
        } else {
            noise = nil
        }
        n.finish()
        s.finish()
    }
}
