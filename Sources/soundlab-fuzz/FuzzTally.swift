import Foundation

/// Counts per command and mutation kind, and every failure with its reproducer.
struct FuzzTally: Codable {
    struct Failure: Codable {
        var command: String, kind: String, index: Int, outcome: Outcome, status: String
        /// The case file, kept; rerun with `soundlab` + `arguments`.
        var file: String
        var arguments: [String]
        var note: String, firstLine: String
    }

    /// counts[command][kind][outcome]
    var counts: [String: [String: [String: Int]]] = [:]
    var failures: [Failure] = []
    /// The slowest runs of each command, slowest first: how close the cases come to the timeout.
    var slowest: [String: [Slow]] = [:]

    struct Slow: Codable { var seconds: Double, kind: String, index: Int, note: String }

    mutating func time(command: String, _ slow: Slow) {
        var list = slowest[command, default: []] + [slow]
        list.sort { $0.seconds > $1.seconds }
        slowest[command] = Array(list.prefix(3))
    }

    mutating func add(command: String, kind: String, _ outcome: Outcome) {
        counts[command, default: [:]][kind, default: [:]][outcome.rawValue, default: 0] += 1
    }

    func total(_ outcome: Outcome, command: String? = nil) -> Int {
        counts.filter { command == nil || $0.key == command }.values
            .reduce(0) { $0 + $1.values.reduce(0) { $0 + ($1[outcome.rawValue] ?? 0) } }
    }

    func cases(command: String? = nil) -> Int { Outcome.allCases.reduce(0) { $0 + total($1, command: command) } }

    /// The table `make fuzz` prints: one row per command and kind, then the totals and every failure.
    func report(commands: [(String, [String])]) -> String {
        var rows = [["command", "kind", "cases"] + Outcome.allCases.map(\.rawValue)]
        for (command, kinds) in commands {
            for kind in kinds {
                let c = counts[command]?[kind] ?? [:]
                let n = c.values.reduce(0, +)
                guard n > 0 else { continue }
                rows.append([command, kind, String(n)] + Outcome.allCases.map { String(c[$0.rawValue] ?? 0) })
            }
            let n = cases(command: command)
            if n > 0 { rows.append([command, "(all)", String(n)] + Outcome.allCases.map { String(total($0, command: command)) }) }
        }
        rows.append(["all", "", String(cases())] + Outcome.allCases.map { String(total($0)) })
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = rows.map { row in
            row.enumerated().map { c, cell in
                c < 2 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
        out.append("")
        for (command, _) in commands {
            guard let list = slowest[command], !list.isEmpty else { continue }
            out.append("slowest \(command): " + list.map {
                String(format: "%.2f s", $0.seconds) + " (\($0.kind) #\($0.index): \($0.note.prefix(60)))"
            }.joined(separator: ", "))
        }
        out.append(failures.isEmpty ? "failures: none" : "failures: \(failures.count)")
        for f in failures.sorted(by: { ($0.command, $0.kind, $0.index) < ($1.command, $1.kind, $1.index) }) {
            out.append("  \(f.outcome.rawValue) \(f.status)  \(f.command) \(f.kind) #\(f.index) (\(f.note))")
            out.append("    soundlab \(f.arguments.joined(separator: " "))")
            if !f.firstLine.isEmpty { out.append("    \(f.firstLine.prefix(200))") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
