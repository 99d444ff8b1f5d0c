import TensorCore

/// One node of a `Graph`: a module applied to the named outputs of earlier nodes or graph inputs.
public struct GraphNode {
    /// Unique name; also the path component of the module's parameters.
    public let name: String
    /// The module run at this node.
    public let module: any Module
    /// Names of graph inputs or other nodes feeding it, in the module's input order.
    public let inputs: [String]

    /// A node named `name` running `module` on `inputs`.
    public init(_ name: String, _ module: any Module, inputs: [String]) {
        self.name = name; self.module = module; self.inputs = inputs
    }
}

/// A named DAG of modules (residual adds, concatenations, multi-input heads), run in dependency order.
public final class Graph: Module {
    /// Names of the graph's inputs, in the order `forward` receives them.
    public let inputNames: [String]
    /// The nodes in a valid evaluation order (dependencies first).
    public let nodes: [GraphNode]
    /// The node whose value is the graph's output.
    public let outputName: String

    /// A graph; nodes may be listed in any order. Throws on duplicate or dotted names, unknown references,
    /// cycles, an unknown output, or nodes the output does not depend on.
    public init(inputs: [String], nodes: [GraphNode], output: String) throws {
        var seen = Set(inputs)
        guard seen.count == inputs.count, !inputs.isEmpty else { throw ShapeError("graph: input names must be unique and non-empty") }
        for n in nodes {
            guard !n.name.isEmpty, !n.name.contains(".") else { throw ShapeError("graph: node name '\(n.name)' must be non-empty without dots") }
            guard seen.insert(n.name).inserted else { throw ShapeError("graph: duplicate name '\(n.name)'") }
        }
        for n in nodes {
            guard !n.inputs.isEmpty else { throw ShapeError("graph: node '\(n.name)' has no inputs") }
            for i in n.inputs where !seen.contains(i) { throw ShapeError("graph: node '\(n.name)' reads unknown '\(i)'") }
        }
        guard nodes.contains(where: { $0.name == output }) else { throw ShapeError("graph: output '\(output)' is not a node") }
        // Kahn's algorithm, stable: among ready nodes, the earliest listed goes first.
        var done = Set(inputs), order: [GraphNode] = [], pending = nodes
        while !pending.isEmpty {
            guard let i = pending.firstIndex(where: { $0.inputs.allSatisfy(done.contains) }) else {
                throw ShapeError("graph: cycle through \(pending.map(\.name).joined(separator: ", "))")
            }
            done.insert(pending[i].name)
            order.append(pending.remove(at: i))
        }
        var needed: Set<String> = [output]
        for n in order.reversed() where needed.contains(n.name) { needed.formUnion(n.inputs) }
        if let unused = order.first(where: { !needed.contains($0.name) }) {
            throw ShapeError("graph: node '\(unused.name)' does not feed the output '\(output)'")
        }
        self.inputNames = inputs
        self.nodes = order
        self.outputName = output
    }

    public var typeName: String { "Graph" }
    /// Graph's config lists no options: its structure is its nodes (see the graph builder).
    public var config: LayerConfig { LayerConfig(type: typeName) }
    public var children: [(name: String, module: any Module)] { nodes.map { ($0.name, $0.module) } }

    private func propagate(_ inputShapes: [[Int]], _ step: (GraphNode, [[Int]]) throws -> [Int]) throws -> [Int] {
        guard inputShapes.count == inputNames.count else {
            throw ShapeError("graph takes \(inputNames.count) input(s) (\(inputNames.joined(separator: ", "))), got \(inputShapes.count)")
        }
        var shapes = Dictionary(uniqueKeysWithValues: zip(inputNames, inputShapes))
        for n in nodes { shapes[n.name] = try located(n.name, n.module) { try step(n, n.inputs.map { shapes[$0]! }) } }
        return shapes[outputName]!
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try propagate(inputShapes) { n, s in try n.module.outputShape(for: s) }
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        try propagate(inputShapes) { n, s in try n.module.build(inputShapes: s) }
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        run(inputs, context: context) { m, xs, ctx in m.forward(xs, context: ctx) }
    }

    /// The module of the output node.
    public var outputModule: any Module { nodes.first { $0.name == outputName }!.module }

    /// Runs every node, the output node through `output` (how `logits` stops before a final softmax).
    func run(_ inputs: [Tensor], context: ForwardContext,
             output: (any Module, [Tensor], ForwardContext) -> Tensor) -> Tensor {
        precondition(inputs.count == inputNames.count, "graph takes \(inputNames.count) inputs, got \(inputs.count)")
        var values = Dictionary(uniqueKeysWithValues: zip(inputNames, inputs))
        for n in nodes {
            let xs = n.inputs.map { values[$0]! }, ctx = context.child(n.name)
            values[n.name] = n.name == outputName ? output(n.module, xs, ctx) : n.module.forward(xs, context: ctx)
        }
        return values[outputName]!
    }
}
