import Foundation
import RunStore

/// `soundlab table` with chosen columns: any summary metric (mean ± sd over an experiment's seeds), any evaluation
/// set's metric (`wind_5db.macro_f1`) and any key of the resolved config (`train.optimizer.lr`), as Markdown, CSV or
/// JSON, sorted by any column. Every row says how many runs (seeds) it summarises.
public struct RunTable {
    public enum Format: String, CaseIterable, Sendable { case markdown, csv, json }

    /// One cell: a statistic over the group's runs, or a config value (the same in every run, else "mixed").
    enum Cell {
        case statistic(Statistic, decimals: Int)
        case text(String)
        case missing

        var sortKey: Double? {
            switch self {
            case .statistic(let s, _): s.mean.isNaN ? nil : s.mean
            case .text(let t): Double(t)
            case .missing: nil
            }
        }
    }

    /// The summary metrics a column may name, with the decimals they are shown with.
    static var metrics: [SummaryMetric] { SummaryMetric.all }

    public static let defaultColumns = ["accuracy", "macro_f1", "weighted_f1", "ece", "parameters", "train_seconds"]

    public let columns: [String]
    let groups: [(experiment: String, runs: [Run], cells: [Cell])]

    /// The table of `runs` grouped by experiment, with `columns` (each a metric, `<set>.<metric>` or a dotted config
    /// key), sorted by `sort` (a column, optionally `:asc`; scores sort high first, the experiment name A to Z).
    public init(runs: [Run], columns: [String] = RunTable.defaultColumns, sort: String? = nil) throws {
        self.columns = columns
        let grouped = Dictionary(grouping: runs, by: \.headline.experiment)
        var groups = try grouped.keys.sorted().map { name in
            let members = grouped[name]!.sorted { $0.headline.seed < $1.headline.seed }
            return (experiment: name, runs: members, cells: try columns.map { try Self.cell($0, members) })
        }
        for c in columns.indices { try Self.checkKnown(columns[c], groups: groups, at: c) }
        if let sort {
            let parts = sort.split(separator: ":", maxSplits: 1).map(String.init)
            let key = parts[0], ascending = parts.count > 1 ? parts[1] == "asc" : nil
            if key == "experiment" {
                if ascending == false { groups.reverse() }
            } else {
                guard let c = columns.firstIndex(of: key) else {
                    throw DataError("--sort \(key) is not one of the columns (\(columns.joined(separator: ", ")), experiment)")
                }
                let up = ascending ?? ["ece", "out_of_set", "parameters", "train_seconds", "epochs_run"].contains(key)
                groups.sort { a, b in
                    switch (a.cells[c].sortKey, b.cells[c].sortKey) {
                    case let (x?, y?): return x == y ? a.experiment < b.experiment : (up ? x < y : x > y)
                    case (.some, nil): return true
                    case (nil, .some): return false
                    default: return a.experiment < b.experiment
                    }
                }
            }
        }
        self.groups = groups
    }

    private static func cell(_ column: String, _ runs: [Run]) throws -> Cell {
        if let m = metrics.first(where: { $0.name == column }) {
            let values = runs.compactMap { m.value($0.headline) }
            return values.isEmpty ? .missing : .statistic(Statistic(values), decimals: m.decimals)
        }
        let dot = column.split(separator: ".", maxSplits: 1).map(String.init)
        if dot.count == 2, let m = metrics.first(where: { $0.name == dot[1] }),
           runs.contains(where: { run in run.summary.contains { $0.set == dot[0] } || run.sets.contains { $0.name == dot[0] } }) {
            let values = runs.compactMap { run -> Double? in
                let row = run.summary.first { $0.set == dot[0] } ?? run.sets.first { $0.name == dot[0] }?.summary
                return row.flatMap(m.value)
            }
            return values.isEmpty ? .missing : .statistic(Statistic(values), decimals: m.decimals)
        }
        var texts: [String] = []
        for run in runs {
            let tree = try ConfigFileLoader.load(text: run.config, path: run.folder.appendingPathComponent(RunLayout.config).path)
            texts.append(lookup(tree, column.split(separator: ".").map(String.init)) ?? "—")
        }
        if texts.allSatisfy({ $0 == "—" }) { return .missing }
        return .text(Set(texts).count == 1 ? texts[0] : "mixed")
    }

    /// A column no run has anything for is a typo: the error names the nearest metric or config key.
    private static func checkKnown(_ column: String, groups: [(experiment: String, runs: [Run], cells: [Cell])], at c: Int) throws {
        guard groups.allSatisfy({ if case .missing = $0.cells[c] { true } else { false } }), let run = groups.first?.runs.first else { return }
        let tree = try ConfigFileLoader.load(text: run.config, path: run.folder.appendingPathComponent(RunLayout.config).path)
        let known = metrics.map(\.name) + dottedKeys(tree, prefix: "")
        let hint = Suggestion.nearest(to: column, in: known).map { " (did you mean '\($0)'?)" } ?? ""
        throw DataError("column '\(column)' is neither a metric, a set's metric (<set>.macro_f1) nor a key of any run's config\(hint)")
    }

    private static func dottedKeys(_ node: YAMLValue, prefix: String) -> [String] {
        guard let entries = node.entries else { return [] }
        return entries.flatMap { e -> [String] in
            let path = prefix.isEmpty ? e.key : "\(prefix).\(e.key)"
            return [path] + dottedKeys(e.value, prefix: path)
        }
    }

    /// The scalar at `path` (list items by index), as the resolved config writes it.
    private static func lookup(_ tree: YAMLValue, _ path: [String]) -> String? {
        var node = tree
        for key in path {
            if let items = node.items, let i = Int(key), items.indices.contains(i) { node = items[i] }
            else if let next = node[key] { node = next }
            else { return nil }
        }
        return node.reportText
    }

    public func render(_ format: Format) throws -> String {
        switch format {
        case .markdown:
            let header = ["Experiment", "n"] + columns
            var lines = ["| " + header.joined(separator: " | ") + " |", "|---|" + Array(repeating: "---:|", count: header.count - 1).joined()]
            for g in groups {
                let cells = g.cells.map { cell -> String in
                    switch cell {
                    case .statistic(let s, let d): s.formatted(decimals: d)
                    case .text(let t): t.replacingOccurrences(of: "|", with: "\\|")
                    case .missing: "—"
                    }
                }
                lines.append("| " + ([g.experiment, String(g.runs.count)] + cells).joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n") + "\n"
        case .csv:
            let header = ["experiment", "n"] + columns.flatMap { [$0, "\($0)_sd"] }
            let rows = groups.map { g in
                [g.experiment, String(g.runs.count)] + g.cells.flatMap { cell -> [String] in
                    switch cell {
                    case .statistic(let s, _): [MetricFormat.fixed(s.mean), s.sd.map(MetricFormat.fixed) ?? ""]
                    case .text(let t): [t, ""]
                    case .missing: ["", ""]
                    }
                }
            }
            return try CSVTable(header: header, rows: rows).text()
        case .json:
            let objects: [[String: Any]] = groups.map { g in
                var cells: [String: Any] = [:]
                for (name, cell) in zip(columns, g.cells) {
                    switch cell {
                    case .statistic(let s, _):
                        // Six decimals, as the CSV files keep them.
                        func rounded(_ x: Double) -> Any { x.isNaN ? NSNull() : Double(MetricFormat.fixed(x)) ?? x }
                        cells[name] = ["mean": rounded(s.mean), "sd": s.sd.map(rounded) ?? NSNull(), "n": s.count]
                    case .text(let t): cells[name] = t
                    case .missing: cells[name] = NSNull()
                    }
                }
                return ["experiment": g.experiment, "n": g.runs.count, "seeds": g.runs.map { Int($0.headline.seed) }, "columns": cells]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }
}
