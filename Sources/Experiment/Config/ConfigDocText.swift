import Foundation

/// How the docs tables spell types, defaults and tables.
enum ConfigDocText {
    /// `int`, `number at least 0`, ...
    static func type(_ base: String, _ bound: Bound?) -> String {
        bound.map { "\(base) \($0.text)" } ?? base
    }

    /// A value on one line: `null`, `0.001`, `[0, 20]`, `{a: 1}`.
    static func inline(_ value: YAMLValue) -> String {
        switch value.kind {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): ConfigNumber.text(d)
        case .string(let s): s
        case .list(let items): "[" + items.map(inline).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { "\($0.key): \(inline($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// A markdown table; `|` inside a cell is escaped so it stays in its column.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(header), "|" + String(repeating: "---|", count: header.count)] + rows.map(line))
            .joined(separator: "\n")
    }
}
