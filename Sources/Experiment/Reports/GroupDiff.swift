import Foundation
import RunStore

/// `soundlab diff A B`, where each side is one run or every seed of an experiment: the resolved-config keys that
/// differ (full dotted paths), every evaluation set's summary metrics as mean ± sd with the difference and a paired
/// comparison over the seeds both sides ran, per-class precision, recall and F1, and the confusion cells that moved
/// (summed over seeds). Text, Markdown or JSON; `regression` decides `--fail-on-regression`.
public struct GroupDiff {
    public enum Format: String, CaseIterable, Sendable { case text, md, json }

    public let nameA: String, nameB: String
    public let a: [Run], b: [Run]
    /// Every key of the resolved configs, not only those that differ.
    public var allKeys = false

    /// Keys every run has its own value of, left out of the config comparison unless `allKeys`.
    static let identityKeys: Set<String> = ["name", "seed"]

    public init(nameA: String, a: [Run], nameB: String, b: [Run]) {
        (self.nameA, self.a, self.nameB, self.b) = (nameA, a, nameB, b)
    }

    /// One side: a run folder, or an experiment's runs (`<runs>/<name>` or `<runs>/<name>-seed<s>`).
    public static func side(_ argument: String, runsDirectory: URL) throws -> (name: String, runs: [Run]) {
        let url = URL(fileURLWithPath: argument, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
           FileManager.default.fileExists(atPath: url.appendingPathComponent(RunLayout.provenance).path)
            || FileManager.default.fileExists(atPath: url.appendingPathComponent(RunLayout.config).path) {
            let run = try Run.load(folder: url)
            return (run.name, [run])
        }
        if argument.contains("/") || argument.hasPrefix(".") { _ = try Run.load(folder: url) }
        let runs = try RunStore(root: runsDirectory).loadAll().filter { $0.headline.experiment == argument }
            .sorted { $0.headline.seed < $1.headline.seed }
        guard !runs.isEmpty else {
            let names = Set(try RunStore(root: runsDirectory).loadAll().map(\.headline.experiment))
            let hint = Suggestion.nearest(to: argument, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw DataError("\(argument): neither a run folder nor an experiment with finished runs in \(runsDirectory.path)\(hint)")
        }
        return (argument, runs)
    }

    // MARK: Config

    struct KeyChange { let key: String; let a: String?; let b: String? }

    func configChanges() throws -> [KeyChange] {
        func flat(_ runs: [Run]) throws -> [(String, String)] {
            guard let run = runs.first else { return [] }
            let tree = try ConfigFileLoader.load(text: run.config, path: run.folder.appendingPathComponent(RunLayout.config).path)
            return Self.flatten(tree, prefix: "")
        }
        let fa = try flat(a), fb = try flat(b)
        let da = Dictionary(fa, uniquingKeysWith: { x, _ in x }), db = Dictionary(fb, uniquingKeysWith: { x, _ in x })
        var keys: [String] = fa.map(\.0)
        for (k, _) in fb where da[k] == nil { keys.append(k) }
        // Sections in the resolved file's order, a side's extra keys beside the others of their section.
        var sections: [String] = []
        for k in keys { let top = String(k.split(separator: ".")[0]); if !sections.contains(top) { sections.append(top) } }
        let position = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { x, _ in x })
        keys.sort { x, y in
            let sx = sections.firstIndex(of: String(x.split(separator: ".")[0]))!, sy = sections.firstIndex(of: String(y.split(separator: ".")[0]))!
            return sx != sy ? sx < sy : position[x]! < position[y]!
        }
        // An empty list or mapping on one side is the absence of the other side's items, not a change of its own.
        let all = Set(keys)
        keys.removeAll { k in
            (da[k] == "[]" || db[k] == "[]" || da[k] == "{}" || db[k] == "{}") && all.contains { $0.hasPrefix(k + ".") }
        }
        return keys.compactMap { k in
            guard allKeys || (da[k] != db[k] && !Self.identityKeys.contains(k)) else { return nil }
            return KeyChange(key: k, a: da[k], b: db[k])
        }
    }

    /// Scalars by dotted path (list items by index), as the resolved config writes them.
    static func flatten(_ node: YAMLValue, prefix: String) -> [(String, String)] {
        if let entries = node.entries {
            if entries.isEmpty { return prefix.isEmpty ? [] : [(prefix, "{}")] }
            return entries.flatMap { flatten($0.value, prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        }
        if let items = node.items {
            if items.isEmpty { return [(prefix, "[]")] }
            if items.allSatisfy({ $0.entries == nil && $0.items == nil }) {
                return [(prefix, "[" + items.map(scalar).joined(separator: ", ") + "]")]
            }
            return items.enumerated().flatMap { flatten($0.element, prefix: "\(prefix).\($0.offset)") }
        }
        return [(prefix, scalar(node))]
    }

    private static func scalar(_ node: YAMLValue) -> String { node.reportText }

    // MARK: Metrics

    static var metrics: [SummaryMetric] { SummaryMetric.all }

    /// Evaluation sets in order (nil = the single headline set of runs that name none).
    var sets: [String?] {
        var seen: [String?] = []
        for s in (a + b).flatMap({ $0.summary.map(\.set) }) where !seen.contains(s) { seen.append(s) }
        return seen
    }

    private func rows(_ runs: [Run], _ set: String?) -> [SummaryRow] { runs.compactMap { r in r.summary.first { $0.set == set } } }

    struct MetricLine { let name: String; let integer: Bool; let a: Statistic?; let b: Statistic?
        var delta: Double? { guard let a, let b else { return nil }; return b.mean - a.mean } }

    func metricLines(_ set: String?) -> [MetricLine] {
        let ra = rows(a, set), rb = rows(b, set)
        return Self.metrics.compactMap { m in
            let va = ra.compactMap(m.value), vb = rb.compactMap(m.value)
            // A column neither side's runs wrote (ece, out_of_set before they existed) is left out, not shown empty.
            if va.isEmpty && vb.isEmpty { return nil }
            return MetricLine(name: m.name, integer: m.isCount, a: va.isEmpty ? nil : Statistic(va), b: vb.isEmpty ? nil : Statistic(vb))
        }
    }

    /// B − A on the seeds both sides ran, for `metric` on `set`.
    func paired(_ metric: String, _ set: String?) -> (seeds: [UInt64], differences: [Double])? {
        guard let m = Self.metrics.first(where: { $0.name == metric }) else { return nil }
        let byA = Dictionary(rows(a, set).map { ($0.seed, $0) }, uniquingKeysWith: { x, _ in x })
        let pairs = rows(b, set).compactMap { rb -> (UInt64, Double)? in
            guard let ra = byA[rb.seed], let x = m.value(ra), let y = m.value(rb) else { return nil }
            return (rb.seed, y - x)
        }.sorted { $0.0 < $1.0 }
        guard !pairs.isEmpty, a.count > 1 || b.count > 1 else { return nil }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    // MARK: Classes and confusion

    struct ClassLine { let name: String; let a: [Double]; let b: [Double] }

    /// Per class of the headline set: mean precision, recall, F1 on each side.
    func classLines() -> [ClassLine] {
        func means(_ runs: [Run], _ name: String) -> [Double] {
            let rows = runs.compactMap { $0.report.classes.first { $0.name == name } }
            guard !rows.isEmpty else { return [.nan, .nan, .nan] }
            let n = Double(rows.count)
            return [rows.map(\.precision).reduce(0, +) / n, rows.map(\.recall).reduce(0, +) / n, rows.map(\.f1).reduce(0, +) / n]
        }
        var names: [String] = []
        for r in (a + b).flatMap({ $0.report.classes.map(\.name) }) where !names.contains(r) { names.append(r) }
        return names.map { ClassLine(name: $0, a: means(a, $0), b: means(b, $0)) }
    }

    struct CellMove { let truth: String; let predicted: String; let a: Int; let b: Int }

    /// Confusion cells of the headline set whose count (summed over each side's seeds) changed, largest moves first.
    func movedCells() -> [CellMove] {
        func summed(_ runs: [Run]) -> [String: [String: Int]] {
            var out: [String: [String: Int]] = [:]
            for r in runs {
                for (i, t) in r.confusion.labels.enumerated() {
                    for (j, p) in r.confusion.labels.enumerated() { out[t, default: [:]][p, default: 0] += r.confusion.counts[i][j] }
                }
            }
            return out
        }
        let sa = summed(a), sb = summed(b)
        var labels: [String] = []
        for l in (a + b).flatMap({ $0.confusion.labels }) where !labels.contains(l) { labels.append(l) }
        var moves: [CellMove] = []
        for t in labels {
            for p in labels {
                let x = sa[t]?[p] ?? 0, y = sb[t]?[p] ?? 0
                if x != y { moves.append(CellMove(truth: t, predicted: p, a: x, b: y)) }
            }
        }
        return moves.sorted { abs($0.b - $0.a) != abs($1.b - $1.a) ? abs($0.b - $0.a) > abs($1.b - $1.a)
            : ($0.truth, $0.predicted) < ($1.truth, $1.predicted) }
    }

    // MARK: Regression

    /// The first metric that got worse from A to B by more than `tolerance` (`METRIC[:TOL]`) on the headline set, as a
    /// message; nil when B holds up.
    public func regression(_ spec: String) throws -> String? {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let m = Self.metrics.first(where: { $0.name == parts[0] }) else {
            throw DataError("--fail-on-regression \(parts[0]): not a metric (\(Self.metrics.map(\.name).joined(separator: ", ")))")
        }
        let tolerance = parts.count > 1 ? Double(parts[1]) : 0
        guard let tolerance, tolerance >= 0 else { throw DataError("--fail-on-regression \(spec): the tolerance must be a number >= 0") }
        let set = a.first?.headline.set
        guard let line = metricLines(set).first(where: { $0.name == m.name }), let x = line.a?.mean, let y = line.b?.mean else { return nil }
        let worse = m.higherIsBetter ? x - y : y - x
        guard worse > tolerance else { return nil }
        return "\(m.name) regressed from \(MetricFormat.fixed(x)) (\(nameA)) to \(MetricFormat.fixed(y)) (\(nameB)), by "
            + "\(MetricFormat.fixed(worse)), more than the tolerance \(MetricFormat.fixed(tolerance))"
    }
}
