import Foundation

/// What differs between two runs: a line diff of their resolved configs and, per evaluation set,
/// the summary metrics side by side with the change from A to B.
public struct RunDiff: Sendable {
    /// The first run (the "-" side).
    public let a: Run
    /// The second run (the "+" side).
    public let b: Run

    /// Compares `a` with `b`.
    public init(a: Run, b: Run) {
        self.a = a
        self.b = b
    }

    /// The diff as text: a unified-style config diff without context, then metric tables.
    public func render() -> String {
        var out = ["--- \(a.name)/\(RunLayout.config)", "+++ \(b.name)/\(RunLayout.config)"]
        let hunks = LineDiff.hunks(lines(a.config), lines(b.config))
        out += hunks.isEmpty ? ["(configs identical)"] : hunks
        out.append("")
        let sets = orderedUnion(a.summary.map(\.set), b.summary.map(\.set))
        for set in sets {
            let rowA = a.summary.first { $0.set == set }
            let rowB = b.summary.first { $0.set == set }
            out.append("summary" + (set.map { " (\($0))" } ?? "") + ":")
            out += metricTable(rowA, rowB)
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    private func lines(_ text: String) -> [String] {
        var l = text.components(separatedBy: "\n")
        if l.last == "" { l.removeLast() }
        return l
    }

    private func orderedUnion(_ x: [String?], _ y: [String?]) -> [String?] {
        var seen: [String?] = []
        for s in x + y where !seen.contains(s) { seen.append(s) }
        return seen
    }

    private func metricTable(_ ra: SummaryRow?, _ rb: SummaryRow?) -> [String] {
        typealias Metric = (name: String, value: (SummaryRow) -> Double, integer: Bool)
        let metrics: [Metric] = [
            ("accuracy", { $0.accuracy }, false), ("macro_f1", { $0.macroF1 }, false),
            ("weighted_f1", { $0.weightedF1 }, false), ("macro_precision", { $0.macroPrecision }, false),
            ("macro_recall", { $0.macroRecall }, false), ("parameters", { Double($0.parameters) }, true),
            ("train_seconds", { $0.trainSeconds }, false), ("epochs_run", { Double($0.epochsRun) }, true),
        ]
        func cell(_ v: Double?, _ integer: Bool) -> String {
            guard let v else { return "-" }
            return integer ? String(Int(v)) : MetricFormat.fixed(v)
        }
        func delta(_ x: Double?, _ y: Double?, _ integer: Bool) -> String {
            guard let x, let y else { return "-" }
            let d = y - x
            let body = integer ? String(Int(d)) : MetricFormat.fixed(d)
            return d > 0 ? "+" + body : body
        }
        var rows = [["metric", "a", "b", "delta"]]
        for m in metrics {
            let x = ra.map(m.value)
            let y = rb.map(m.value)
            rows.append([m.name, cell(x, m.integer), cell(y, m.integer), delta(x, y, m.integer)])
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return c == 0 ? text + pad : pad + text
            }.joined(separator: "  ")
        }
    }
}

/// A longest-common-subsequence line diff rendered as zero-context unified hunks.
enum LineDiff {
    static func hunks(_ a: [String], _ b: [String]) -> [String] {
        let n = a.count, m = b.count
        // lcs[i][j] = length of the LCS of a[i...] and b[j...]
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        var removed: [String] = [], added: [String] = []
        var startA = 0, startB = 0
        func flush() {
            guard !removed.isEmpty || !added.isEmpty else { return }
            // Unified convention: a zero-length side names the line before it.
            let sa = removed.isEmpty ? startA : startA + 1
            let sb = added.isEmpty ? startB : startB + 1
            out.append("@@ -\(sa),\(removed.count) +\(sb),\(added.count) @@")
            out += removed.map { "-" + $0 } + added.map { "+" + $0 }
            removed = []
            added = []
        }
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                flush()
                i += 1
                j += 1
                continue
            }
            if removed.isEmpty && added.isEmpty { startA = i; startB = j }
            if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
                added.append(b[j]); j += 1
            } else {
                removed.append(a[i]); i += 1
            }
        }
        flush()
        return out
    }
}
