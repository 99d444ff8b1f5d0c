/// One evaluation set: a folder of class subfolders anywhere on disk, its classes renamed to the model's, each
/// clip optionally put through channel transforms and mixed with noise. A set with several noise folders or
/// SNRs is a robustness curve: one measurement per (noise folder, SNR).
public struct EvaluationSet: Sendable, Equatable {
    /// Name used in reports and file names.
    public var name: String
    /// Folder of class subfolders: relative to `data.root`, or absolute.
    public var path: String
    /// Folder class name → model class name, in the order written; a nil target leaves that folder out.
    public var map: [ClassRename]
    /// Waveform transforms applied to every clip in order (before the noise), each clip's draws fixed by the seed.
    public var transforms: [AugmentationConfig]
    /// Noise mixed into every clip (seeded from the experiment seed), or `nil` for none.
    public var noise: EvaluationNoise?

    /// A set from its parts.
    public init(name: String, path: String, map: [ClassRename] = [], transforms: [AugmentationConfig] = [],
                noise: EvaluationNoise? = nil) {
        self.name = name
        self.path = path
        self.map = map
        self.transforms = transforms
        self.noise = noise
    }

    /// Whether this set is measured at more than one noise condition (written to `metrics/robustness.csv`).
    public var isCurve: Bool { (noise?.folders.count ?? 0) > 1 || (noise?.snrDB.count ?? 0) > 1 }

    /// The model class a folder class counts as: itself, its `map` target, or nil when mapped to null.
    public func modelClass(of folderClass: String) -> String? {
        guard let rename = map.first(where: { $0.from == folderClass }) else { return folderClass }
        return rename.to
    }
}

/// One `map` entry of an evaluation set.
public struct ClassRename: Sendable, Equatable {
    /// Class folder name in the set.
    public var from: String
    /// Model class it counts as; nil leaves the folder out.
    public var to: String?

    /// `from` counted as `to`.
    public init(from: String, to: String?) {
        self.from = from
        self.to = to
    }
}

/// Noise for an evaluation set: every folder at every SNR.
public struct EvaluationNoise: Sendable, Equatable {
    /// Noise clip folders, relative to `data.root` or absolute; a folder's last component names its noise kind.
    public var folders: [String]
    /// Fixed SNRs in dB, one measurement each.
    public var snrDB: [Double]

    /// Noise from `folders` at each of `snrDB`.
    public init(folders: [String], snrDB: [Double]) {
        self.folders = folders
        self.snrDB = snrDB
    }

    /// The name a folder's noise is reported under: its last path component.
    public static func kind(of folder: String) -> String {
        folder.split(separator: "/").last.map(String.init) ?? folder
    }
}

extension EvaluationSet {
    /// Reads one `evaluate.sets` item; nil (already reported) when it has no name or path.
    init?(_ s: ConfigReader) {
        guard s.present("name") != nil, s.present("path") != nil else {
            s.sink.report(s.location, "\(s.path) needs a name and a path")
            for key in ["map", "transforms", "noise"] { _ = s.value(key) }
            s.finish()
            return nil
        }
        var set = EvaluationSet(name: "", path: "")
        EvaluationSet.schema.read(s, into: &set)
        self = set
    }

    static var schema: ConfigSchema<EvaluationSet> {
        ConfigSchema([
            .string("name", \.name, "used in reports and as `metrics/sets/<name>/`"),
            .string("path", \.path, "folder of `<Class>/` subfolders; relative to `data.root`, or absolute"),
            .scalar("map", type: "{folder class: model class or null}", note: "renames a set's classes; null leaves one out",
                    shownDefault: "{}",
                    read: { r, set in set.map = readMap(r) },
                    write: { set in Resolved.map(set.map.map { ($0.from, $0.to.map(Resolved.string) ?? Resolved.null) }) }),
            AugmentationConfig.listKey(\.transforms, key: "transforms",
                                       note: "waveform transforms of the augmentation catalogue, applied to every clip"),
            .scalar("noise", type: "{folders, snr_db} or null", note: "noise mixed into every clip",
                    read: { r, set in
                        guard r.present("noise") != nil else {
                            r.child("noise").finish()
                            return
                        }
                        var noise = EvaluationNoise(folders: [r.context.data.noise], snrDB: [10])
                        EvaluationNoise.schema.read(r.child("noise"), into: &noise)
                        set.noise = noise
                    },
                    write: { $0.noise.map(EvaluationNoise.schema.resolved) ?? Resolved.null }),
        ], check: { set, r in
            if set.name.contains("/") || set.name.hasPrefix(".") || set.name.isEmpty {
                r.report("name", "\(r.field("name")) must be usable as a folder name (no '/' and no leading '.'), got '\(set.name)'")
            }
            r.context.checks.require(set.path, field: r.field("path"), at: r.location(of: "path"))
            for (i, t) in set.transforms.enumerated() where !t.transform.isWaveform {
                r.report("transforms", "\(r.field("transforms")).\(i): '\(t.transform.name)' is not a waveform transform; "
                         + "an evaluation set can only use waveform transforms")
            }
        })
    }

    private static func readMap(_ r: ConfigReader) -> [ClassRename] {
        guard let v = r.present("map") else { return [] }
        guard let entries = v.entries else {
            r.sink.report(v.location, "\(r.field("map")) must be a mapping {folder class: model class}, got \(v)")
            return []
        }
        return entries.compactMap { entry in
            if entry.value.isNull { return ClassRename(from: entry.key, to: nil) }
            guard let to = r.checkedString(entry.value, field: "\(r.field("map")).\(entry.key)") else { return nil }
            return ClassRename(from: entry.key, to: to)
        }
    }
}

extension EvaluationNoise {
    static var schema: ConfigSchema<EvaluationNoise> {
        ConfigSchema([
            .scalar("folders", type: "string or list of strings", note: "relative to `data.root` or absolute; each must exist",
                    shownDefault: "[data.noise]",
                    read: { r, noise in
                        guard let v = r.present("folders") else { return }
                        if let s = v.string { noise.folders = [s]; return }
                        if let list = r.stringList("folders") {
                            if list.isEmpty { r.sink.report(v.location, "\(r.field("folders")) must name at least one folder") }
                            else { noise.folders = list }
                        }
                    },
                    write: { Resolved.list($0.folders.map(Resolved.string)) }),
            .scalar("snr_db", type: "number or list of numbers, each between -30 and 100", note: "one measurement per SNR",
                    shownDefault: "[10]",
                    read: { r, noise in
                        guard let v = r.present("snr_db") else { return }
                        let field = r.field("snr_db")
                        if v.double != nil {
                            if let x = r.checkedDouble(v, field: field, .between(-30, 100)) { noise.snrDB = [x] }
                            return
                        }
                        guard let items = v.items, !items.isEmpty else {
                            r.sink.report(v.location, "\(field) must be a number or a non-empty list of numbers, got \(v)")
                            return
                        }
                        let values = items.enumerated().compactMap { r.checkedDouble($0.element, field: "\(field).\($0.offset)", .between(-30, 100)) }
                        if values.count == items.count {
                            if Set(values).count != values.count { r.sink.report(v.location, "\(field) lists an SNR twice") }
                            noise.snrDB = values
                        }
                    },
                    write: { Resolved.list($0.snrDB.map(Resolved.number)) }),
        ], check: { noise, r in
            for folder in noise.folders {
                r.context.checks.require(folder, field: r.field("folders"), at: r.location(of: "folders"))
            }
            let kinds = noise.folders.map(EvaluationNoise.kind)
            if Set(kinds).count != kinds.count {
                r.report("folders", "\(r.field("folders")): two folders end in the same name, so their curves could not be told apart")
            }
        })
    }
}
