import TensorCore

/// A chain of single-input modules; children are named by index ("0", "1", ...) unless names are given.
public final class Sequential: Module {
    /// The layers with their path components, in order.
    public let layers: [(name: String, module: any Module)]

    /// Layers named by position.
    public init(_ layers: [any Module]) {
        self.layers = layers.enumerated().map { (String($0.offset), $0.element) }
    }

    /// Layers with explicit names (unique, no dots).
    public init(named layers: [(String, any Module)]) {
        precondition(Set(layers.map(\.0)).count == layers.count, "Sequential: duplicate layer names")
        precondition(layers.allSatisfy { !$0.0.contains(".") && !$0.0.isEmpty }, "Sequential: names must be non-empty without dots")
        self.layers = layers.map { (name: $0.0, module: $0.1) }
    }

    public var typeName: String { "Sequential" }
    /// Sequential's config lists no options: its structure lives in its children's configs (see `GraphSpec`).
    public var config: LayerConfig { LayerConfig(type: typeName) }
    public var children: [(name: String, module: any Module)] { layers }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        var s = inputShapes
        for (name, m) in layers { s = [try located(name, m) { try m.outputShape(for: s) }] }
        return try singleInput(s, "sequential")
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        var s = inputShapes
        for (name, m) in layers { s = [try located(name, m) { try m.build(inputShapes: s) }] }
        return try singleInput(s, "sequential")
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        run(inputs, context: context) { m, xs, ctx in m.forward(xs, context: ctx) }
    }

    /// Runs every layer, the last one through `last` (how `logits` stops before a final softmax).
    func run(_ inputs: [Tensor], context: ForwardContext, last: (any Module, [Tensor], ForwardContext) -> Tensor) -> Tensor {
        run(inputs, layers: layers.indices, context: context, last: last)
    }

    /// Runs the layers at `range` (the model's last layer through `last`); an empty range returns the input.
    func run(_ inputs: [Tensor], layers range: Range<Int>, context: ForwardContext,
             last: (any Module, [Tensor], ForwardContext) -> Tensor) -> Tensor {
        var x = inputs
        for i in range {
            let (name, m) = layers[i]
            let ctx = context.child(name)
            x = [i == layers.count - 1 ? last(m, x, ctx) : m.forward(x, context: ctx)]
        }
        return x[0]
    }
}

/// Prefixes a child's shape error with its name, so errors read "blocks.2 (Conv2D): conv2d expects ...".
func located<R>(_ name: String, _ m: any Module, _ body: () throws -> R) throws -> R {
    do { return try body() } catch let e as ShapeError {
        throw ShapeError("\(name) (\(m.typeName)): \(e.description)")
    }
}
