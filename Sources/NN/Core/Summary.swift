/// One row of a model summary (`--dry-run` table).
public struct LayerSummaryRow: Equatable, Sendable {
    /// Dotted path of the layer.
    public let name: String
    /// Keras class name.
    public let op: String
    /// Output shape, batch first.
    public let outputShape: [Int]
    /// Number of scalars in its parameters and state (children included).
    public let parameterCount: Int

    /// A row with these values.
    public init(name: String, op: String, outputShape: [Int], parameterCount: Int) {
        self.name = name; self.op = op; self.outputShape = outputShape; self.parameterCount = parameterCount
    }
}

extension Module {
    /// One row per layer (containers are expanded), computed by shape inference alone — no forward pass.
    /// Parameter counts need the model built (`build(inputShapes:)`); unbuilt layers report 0.
    public func summary(inputShapes: [[Int]]) throws -> [LayerSummaryRow] {
        var rows: [LayerSummaryRow] = []
        _ = try summarize(inputShapes, prefix: "", into: &rows)
        return rows
    }

    fileprivate func summarize(_ shapes: [[Int]], prefix: String, into rows: inout [LayerSummaryRow]) throws -> [Int] {
        if let seq = self as? Sequential {
            var s = shapes
            for (name, m) in seq.layers { s = [try located(name, m) { try m.summarize(s, prefix: join(prefix, name), into: &rows) }] }
            return s[0]
        }
        if let network = self as? EmbeddingNetwork {
            let out = try network.body.summarize(shapes, prefix: prefix, into: &rows)
            if let projection = network.projection {
                _ = try projection.summarize([try network.embeddingShape(shapes)], prefix: join(prefix, EmbeddingNetwork.projectionName), into: &rows)
            }
            return out
        }
        if let graph = self as? Graph {
            guard shapes.count == graph.inputNames.count else { return try graph.outputShape(for: shapes) }
            var known = Dictionary(uniqueKeysWithValues: zip(graph.inputNames, shapes))
            for n in graph.nodes {
                known[n.name] = try located(n.name, n.module) {
                    try n.module.summarize(n.inputs.map { known[$0]! }, prefix: join(prefix, n.name), into: &rows)
                }
            }
            return known[graph.outputName]!
        }
        let out = try outputShape(for: shapes)
        rows.append(LayerSummaryRow(name: prefix.isEmpty ? typeName : prefix, op: typeName, outputShape: out, parameterCount: parameterCount))
        return out
    }
}

private func join(_ prefix: String, _ name: String) -> String { prefix.isEmpty ? name : prefix + "." + name }
