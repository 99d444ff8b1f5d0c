import Foundation
import RunStore

extension GroupDiff {
    public func render(_ format: Format) throws -> String {
        switch format {
        case .text: try text(markdown: false)
        case .md: try text(markdown: true)
        case .json: try json()
        }
    }

    private func side(_ name: String, _ runs: [Run]) -> String {
        runs.count == 1 ? name : "\(name) (\(runs.count) runs, seeds \(runs.map { String($0.headline.seed) }.joined(separator: ", ")))"
    }

    private func cell(_ s: Statistic?, integer: Bool) -> String {
        guard let s else { return "-" }
        if integer {
            guard let sd = s.sd, sd > 0 else { return String(Int(s.mean)) }
            return String(format: "%.1f ± %.1f", s.mean, sd)
        }
        return MetricFormat.fixed(s.mean) + (s.sd.map { " ± " + MetricFormat.fixed($0) } ?? "")
    }

    private func signed(_ d: Double?, integer: Bool) -> String {
        guard let d else { return "-" }
        let body = integer && d == d.rounded() ? String(Int(d)) : MetricFormat.fixed(d)
        return d > 0 ? "+" + body : body
    }

    private func table(_ rows: [[String]], markdown: Bool) -> [String] {
        if markdown {
            return ["| " + rows[0].joined(separator: " | ") + " |", "|---|" + Array(repeating: "---:|", count: rows[0].count - 1).joined()]
                + rows.dropFirst().map { "| " + $0.joined(separator: " | ") + " |" }
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return c == 0 ? text + pad : pad + text
            }.joined(separator: "  ")
        }
    }

    private func text(markdown: Bool) throws -> String {
        let h = markdown ? "### " : ""
        var out = ["\(h)config: \(side(nameA, a)) → \(side(nameB, b))"]
        let changes = try configChanges()
        if changes.isEmpty {
            out.append("(configs identical" + (allKeys ? ")" : " but for name and seed)"))
        } else {
            if !allKeys { out.append("keys that differ (name and seed left out; --all lists every key):") }
            out += changes.map { (markdown ? "- " : "  ") + "\($0.key): \($0.a ?? "(absent)") → \($0.b ?? "(absent)")" }
        }
        for set in sets {
            out.append("")
            out.append("\(h)summary" + (set.map { " (\($0))" } ?? "") + ":")
            out += table([["metric", "a", "b", "delta"]] + metricLines(set).map {
                [$0.name, cell($0.a, integer: $0.integer), cell($0.b, integer: $0.integer), signed($0.delta, integer: $0.integer)]
            }, markdown: markdown)
            if let p = paired("macro_f1", set) {
                let s = Statistic(p.differences)
                let better = p.differences.filter { $0 > 0 }.count
                out.append("paired over the \(p.seeds.count) shared seed(s) \(p.seeds.map(String.init).joined(separator: ", ")): "
                           + "macro_f1 b − a \(signed(s.mean, integer: false))" + (s.sd.map { " ± " + MetricFormat.fixed($0) } ?? "")
                           + ", b higher on \(better) of \(p.seeds.count)")
            }
        }
        let classes = classLines()
        if !classes.isEmpty {
            out.append("")
            out.append("\(h)per class" + (a.first?.headline.set.map { " (\($0))" } ?? "") + ", means over each side's runs:")
            out += table([["class", "precision a", "b", "recall a", "b", "f1 a", "b", "f1 delta"]] + classes.map { c in
                [c.name] + (0..<3).flatMap { [fixed(c.a[$0]), fixed(c.b[$0])] } + [signed(c.b[2].isNaN || c.a[2].isNaN ? nil : c.b[2] - c.a[2], integer: false)]
            }, markdown: markdown)
        }
        let moves = movedCells()
        out.append("")
        out.append("\(h)confusion" + (a.first?.headline.set.map { " (\($0))" } ?? "") + ", summed over each side's runs: "
                   + (moves.isEmpty ? "no cell moved" : "\(moves.count) cell(s) moved"))
        out += moves.prefix(12).map { (markdown ? "- " : "  ") + "\($0.truth) → \($0.predicted): \($0.a) → \($0.b) (\(signed(Double($0.b - $0.a), integer: true)))" }
        if moves.count > 12 { out.append("  … and \(moves.count - 12) more (--json lists every cell)") }
        return out.joined(separator: "\n") + "\n"
    }

    private func fixed(_ x: Double) -> String { x.isNaN ? "-" : String(format: "%.3f", x) }

    private func json() throws -> String {
        func stat(_ s: Statistic?) -> Any {
            guard let s else { return NSNull() }
            return ["mean": Double(MetricFormat.fixed(s.mean)) ?? s.mean, "sd": s.sd.map { Double(MetricFormat.fixed($0)) ?? $0 } ?? NSNull(), "n": s.count] as [String: Any]
        }
        var setsOut: [[String: Any]] = []
        for set in sets {
            var metrics: [String: Any] = [:]
            for l in metricLines(set) {
                metrics[l.name] = ["a": stat(l.a), "b": stat(l.b), "delta": l.delta.map { Double(MetricFormat.fixed($0)) ?? $0 } ?? NSNull()] as [String: Any]
            }
            var entry: [String: Any] = ["set": set ?? NSNull(), "metrics": metrics]
            if let p = paired("macro_f1", set) { entry["paired_macro_f1"] = ["seeds": p.seeds.map { Int($0) }, "differences": p.differences] }
            setsOut.append(entry)
        }
        let object: [String: Any] = [
            "a": ["name": nameA, "runs": a.map(\.name)], "b": ["name": nameB, "runs": b.map(\.name)],
            "config": try configChanges().map { ["key": $0.key, "a": $0.a ?? NSNull(), "b": $0.b ?? NSNull()] as [String: Any] },
            "sets": setsOut,
            "classes": classLines().map { c in
                ["class": c.name, "precision": [c.a[0], c.b[0]], "recall": [c.a[1], c.b[1]], "f1": [c.a[2], c.b[2]]].mapValues { v -> Any in
                    if let pair = v as? [Double] { return pair.map { $0.isNaN ? NSNull() as Any : (Double(MetricFormat.fixed($0)) ?? $0) as Any } }
                    return v
                }
            },
            "confusion_moves": movedCells().map { ["true": $0.truth, "predicted": $0.predicted, "a": $0.a, "b": $0.b] as [String: Any] },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
