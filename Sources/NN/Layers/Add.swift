import TensorCore

/// Keras Add: the elementwise sum of two or more inputs of the same shape (residual connections).
public final class Add: Module {
    /// An add layer.
    public init() {}

    public var typeName: String { "Add" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count >= 2 else { throw ShapeError(op: "add", "takes at least two inputs, got \(inputShapes.count)") }
        guard inputShapes.allSatisfy({ $0 == inputShapes[0] }) else {
            throw ShapeError(op: "add", "needs equal shapes, got \(inputShapes.map(formatShape).joined(separator: " and "))")
        }
        return inputShapes[0]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { inputs.dropFirst().reduce(inputs[0], +) }
}

extension Add: CatalogueLayer {
    public static let kinds = [LayerKind("Add", yaml: "add", summary: "elementwise sum of two or more inputs of one shape",
                                         options: []) { _ in Add() }]

    public var config: LayerConfig { Self.kinds[0].config() }
}
