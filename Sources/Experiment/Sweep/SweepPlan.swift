import Crypto
import Foundation

/// A sweep expanded into runs with deterministic, readable names: `<experiment>[-<key>=<value>...][-seed<s>]`,
/// where `<key>` is the last named segment of the path (`lr` for `train.optimizer.lr`), or the whole path when two
/// axes would share it. The id is a hash of the runs, so the same command finds the same sweep folder again.
public struct SweepPlan: Sendable {
    /// `<first experiment>[+<more>]-<8 hex digits>`.
    public var id: String
    /// The grid's keys (dotted paths), the sweep table's extra columns.
    public var keys: [String]
    /// Every run, experiments outermost, then the grid's combinations, then seeds.
    public var runs: [SweepRun]
    /// Files skipped as abstract bases.
    public var abstract: [String]

    /// Expands `spec`; loads every experiment (with its overrides) so a bad key or value fails here, located,
    /// before anything runs. `dataDirectory` is where the data folders are checked (nil skips that).
    public static func expand(_ spec: SweepSpec, dataDirectory: String? = ".") throws -> SweepPlan {
        guard !spec.experiments.isEmpty else { throw DataError("a sweep needs at least one experiment file") }
        let labels = Self.labels(spec.axes.map(\.key))
        var combinations: [[String]] = [[]]
        for axis in spec.axes { combinations = combinations.flatMap { c in axis.values.map { c + [$0] } } }
        let seedOverride = spec.seeds.map { ["seed=[" + $0.map(String.init).joined(separator: ", ") + "]"] } ?? []
        var runs: [SweepRun] = [], abstract: [String] = []
        for file in spec.experiments {
            let base = try ExperimentConfig.load(path: file, overrides: seedOverride, dataDirectory: dataDirectory)
            if base.isAbstract { abstract.append(file); continue }
            for values in combinations {
                let grid = zip(spec.axes, values).map { "\($0.key)=\($1)" }
                let suffix = zip(labels, values).map { "-\($0)=\(Self.nameSafe($1))" }.joined()
                let rename = suffix.isEmpty ? [] : ["name=\(base.name)\(suffix)"]
                let overrides = grid + rename + seedOverride
                let config = try relocating(spec.axes) { () throws(ConfigError) -> ExperimentConfig in
                    try ExperimentConfig.load(path: file, overrides: overrides, dataDirectory: dataDirectory)
                }
                for s in config.seeds {
                    runs.append(SweepRun(name: config.runFolderName(seed: s), file: file, overrides: overrides, seed: s,
                                         values: values, resolvedYAML: config.forSeed(s).resolvedYAML))
                }
            }
        }
        var seen: [String: String] = [:]
        for r in runs {
            if let other = seen[r.name] { throw DataError("two runs of the sweep would be named \(r.name) (\(other) and \(r.file)); give one experiment another name") }
            seen[r.name] = r.file
        }
        let canonical = runs.map { ([$0.name, $0.file, String($0.seed)] + $0.overrides).joined(separator: "\u{1F}") }.joined(separator: "\n")
        let hash = SHA256.hash(data: Data(canonical.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        let first = spec.experiments.first.map(ConfigPaths.stem) ?? "sweep"
        let more = spec.experiments.count > 1 ? "+\(spec.experiments.count - 1)" : ""
        return SweepPlan(id: "\(first)\(more)-\(hash)", keys: spec.axes.map(\.key), runs: runs, abstract: abstract)
    }

    /// Runs `body`, moving diagnostics about an axis's `--set` override to where the axis was written.
    private static func relocating<T>(_ axes: [SweepAxis], _ body: () throws(ConfigError) -> T) throws(ConfigError) -> T {
        do {
            return try body()
        } catch {
            throw ConfigError(error.diagnostics.map { d in
                guard let axis = axes.first(where: { d.location.file.hasPrefix("--set \($0.key)=") }), let at = axis.location else { return d }
                return ConfigDiagnostic(at, d.message)
            })
        }
    }

    /// Short names for the keys in run names: the last non-index segment, unless two keys share it.
    public static func labels(_ keys: [String]) -> [String] {
        let short = keys.map { key in key.split(separator: ".").last { Int($0) == nil }.map(String.init) ?? key }
        return zip(keys, short).map { key, s in short.filter { $0 == s }.count > 1 ? key : s }
    }

    /// A value as it may appear in a folder name: no `/`, no spaces.
    static func nameSafe(_ value: String) -> String {
        String(value.map { $0 == "/" || $0.isWhitespace ? "_" : $0 })
    }

    /// The runs whose folder under `runsDirectory` does not hold their resolved config from `version` yet.
    public func stale(in runsDirectory: URL, version: String) -> [SweepRun] {
        runs.filter { !ExperimentRunner.isCurrent(runsDirectory.appendingPathComponent($0.name), resolved: $0.resolvedYAML, version: version) }
    }
}
