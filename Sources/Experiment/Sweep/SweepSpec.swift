import Foundation

/// What a sweep runs: experiment files × the grid's combinations × seeds, from the command line or a sweep file.
public struct SweepSpec: Sendable, Equatable {
    /// Experiment files, in the order given.
    public var experiments: [String]
    /// The grid; every combination of one value per axis is run (the first axis varies slowest).
    public var axes: [SweepAxis]
    /// Seeds replacing each experiment's own `seed:` list; nil keeps them.
    public var seeds: [Int]?

    public init(experiments: [String], axes: [SweepAxis] = [], seeds: [Int]? = nil) {
        self.experiments = experiments
        self.axes = axes
        self.seeds = seeds
    }

    /// Reads a sweep file:
    ///
    ///     sweep:
    ///       experiments: [experiments/gmp_1d_cnn.yaml]
    ///       grid: {train.optimizer.lr: [1e-3, 3e-4], augmentation.0.p: [0.25, 0.5]}
    ///       seeds: [42, 7, 1]
    ///
    /// Experiment paths are relative to the working directory, as on the command line. A typo is reported at its
    /// `file:line:column` with the nearest valid key, as in experiment files.
    public static func load(path: String) throws(ConfigError) -> SweepSpec {
        let contents: String
        do { contents = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError([ConfigDiagnostic(SourceLocation(path), "cannot read sweep file: \(FileManager.default.fileExists(atPath: path) ? "not UTF-8 text" : "no such file")")])
        }
        let tree = try YAMLReading.parse(contents, file: path) ?? YAMLValue(.map([]), at: SourceLocation(file: path, line: 1, column: 1))
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let sink = DiagnosticSink()
        let root = ConfigReader(tree, path: "", fallback: tree.location, sink: sink)
        let sweep = root.child("sweep")
        if root.present("sweep") == nil, root.entries.allSatisfy({ $0.key == "sweep" }) { root.report("sweep", "a sweep file starts with `sweep:`") }
        let experiments = sweep.stringList("experiments") ?? []
        if sweep.present("experiments") != nil, experiments.isEmpty { sweep.report("experiments", "sweep.experiments must list at least one file") }
        if sweep.present("experiments") == nil, root.present("sweep") != nil {
            sweep.report("experiments", "sweep.experiments is required: the experiment files to run")
        }
        var axes: [SweepAxis] = []
        let grid = sweep.child("grid")
        for entry in grid.entries {
            guard let items = grid.value(entry.key)?.items, !items.isEmpty else {
                grid.report(entry.key, "\(grid.field(entry.key)) must be a non-empty list of values")
                continue
            }
            do {
                axes.append(try SweepAxis(checking: entry.key, values: items.map { Self.text($0, in: lines) }, at: entry.keyLocation))
            } catch {
                for d in error.diagnostics { sink.report(d.location, d.message) }
            }
        }
        let seeds = sweep.present("seeds").map { _ in sweep.intList("seeds", default: [42], .atLeast(0)) }
        grid.finish()
        sweep.finish()
        root.finish()
        try sink.throwIfAny()
        return SweepSpec(experiments: experiments, axes: axes, seeds: seeds)
    }

    /// A grid value as `--set` would take it; a number as it was written (`3e-4`, not `0.0003`), so a run is named
    /// the same from a sweep file as from `--grid`.
    static func text(_ value: YAMLValue, in lines: [[Unicode.Scalar]]) -> String {
        switch value.kind {
        case .string(let s): return s
        case .list(let items): return "[" + items.map { text($0, in: lines) }.joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \(text($0.value, in: lines))" }.joined(separator: ", ") + "}"
        case .int, .double:
            let (l, c) = (value.location.line, value.location.column)
            guard l >= 1, l <= lines.count, c >= 1, c <= lines[l - 1].count else { return value.description }
            let token = String(String.UnicodeScalarView(lines[l - 1][(c - 1)...].prefix { !",]} \t#\r".unicodeScalars.contains($0) }))
            return Double(token) == value.double ? token : value.description
        default: return value.description
        }
    }
}
