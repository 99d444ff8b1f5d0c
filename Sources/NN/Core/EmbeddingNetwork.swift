import TensorCore

/// A sequential network with an embedding point: the output of layer `embeddingLayer` is the clip embedding that
/// contrastive and prototypical training work on, and `projection` (SimCLR's projection head) is a side branch on
/// it that is part of the model's weights but not of its output. Its children are the body's layers under their
/// own names, so a model's tensor names do not change when it gains an embedding point.
public final class EmbeddingNetwork: Module {
    /// The network as written.
    public let body: Sequential
    /// Index in `body.layers` of the layer whose output is the embedding.
    public let embeddingLayer: Int
    /// The projection head on the embedding, nil when the model has none.
    public let projection: (any Module)?

    public static let projectionName = "projection"

    public init(body: Sequential, embeddingLayer: Int, projection: (any Module)?) {
        precondition(body.layers.indices.contains(embeddingLayer), "EmbeddingNetwork: no layer \(embeddingLayer)")
        precondition(!body.layers.contains { $0.name == Self.projectionName }, "EmbeddingNetwork: a layer is named projection")
        self.body = body
        self.embeddingLayer = embeddingLayer
        self.projection = projection
    }

    public var typeName: String { "Sequential" }
    public var config: LayerConfig { LayerConfig(type: typeName) }
    public var children: [(name: String, module: any Module)] {
        body.layers + (projection.map { [(Self.projectionName, $0)] } ?? [])
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try body.outputShape(for: inputShapes) }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try body.build(inputShapes: inputShapes)
        if let projection { _ = try located(Self.projectionName, projection) { try projection.build(inputShapes: [try embeddingShape(inputShapes)]) } }
        return out
    }

    /// The embedding's shape for these input shapes.
    public func embeddingShape(_ inputShapes: [[Int]]) throws -> [Int] {
        var s = inputShapes
        for (name, m) in body.layers[...embeddingLayer] { s = [try located(name, m) { try m.outputShape(for: s) }] }
        return s[0]
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { body.forward(inputs, context: context) }

    /// The embedding: layers up to and including `embeddingLayer`.
    public func embed(_ x: Tensor, context: ForwardContext) -> Tensor {
        body.run([x], layers: 0..<(embeddingLayer + 1), context: context) { m, xs, ctx in m.forward(xs, context: ctx) }
    }

    /// The layers after the embedding on an embedding, stopping before a final softmax as `logits` does.
    public func head(_ embedding: Tensor, context: ForwardContext) -> Tensor {
        body.run([embedding], layers: (embeddingLayer + 1)..<body.layers.count, context: context) { m, xs, ctx in
            m.logits(xs, context: ctx)
        }
    }

    /// The projection head on an embedding.
    public func project(_ embedding: Tensor, context: ForwardContext) -> Tensor {
        guard let projection else { preconditionFailure("EmbeddingNetwork: the model has no projection head") }
        return projection.forward([embedding], context: context.child(Self.projectionName))
    }

    /// The final layer when it is a `NearestPrototype`.
    public var prototypes: NearestPrototype? { body.layers.last?.module as? NearestPrototype }
}
