import NN

/// A model compiled from the `model` section, with its layer table.
public struct BuiltModel {
    /// The network, built for `inputShape` and initialised.
    public let module: any Module
    /// One example's shape, batch excluded.
    public let inputShape: [Int]
    /// The `--dry-run` table: one row per layer.
    public let summary: [LayerSummaryRow]

    /// The layer table as Keras's `summary()` prints it: name, op, output shape, parameters, and the totals.
    public var table: String {
        let header = ["layer", "op", "output shape", "params"]
        let body = summary.map { [$0.name, $0.op, formatShape($0.outputShape), "\($0.parameterCount)"] }
        let widths = header.indices.map { c in ([header] + body).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, v in
                c == 3 ? String(repeating: " ", count: widths[c] - v.count) + v : v.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 6)
        let trainable = module.trainableParameterCount, total = module.parameterCount
        return ([line(header), rule] + body.map(line) + [rule,
                "total params: \(total)", "trainable params: \(trainable)", "non-trainable params: \(total - trainable)"])
            .joined(separator: "\n")
    }
}
