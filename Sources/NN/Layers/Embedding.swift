import TensorCore

/// Keras Embedding: integer ids (stored as Float) [N, ...] → rows of `embeddings` [inputDim, outputDim].
public final class Embedding: Module {
    /// Vocabulary size.
    public let inputDim: Int
    /// Vector width.
    public let outputDim: Int
    /// Table initialiser (Keras default: uniform ±0.05).
    public let embeddingsInitializer: Initializer
    /// The table once built.
    public private(set) var ownParameters: [Parameter] = []

    /// An embedding table with Keras defaults.
    public init(inputDim: Int, outputDim: Int, embeddingsInitializer: Initializer = .uniform) {
        precondition(inputDim > 0 && outputDim > 0, "Embedding: input_dim and output_dim must be positive")
        self.inputDim = inputDim; self.outputDim = outputDim; self.embeddingsInitializer = embeddingsInitializer
    }

    public var typeName: String { "Embedding" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "embedding")
        guard s.count >= 1 else { throw ShapeError(op: "embedding", "expects [N,...] ids, got []") }
        return s + [outputDim]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        if ownParameters.isEmpty {
            ownParameters = [Parameter("embeddings", shape: [inputDim, outputDim], initializer: embeddingsInitializer)]
        }
        return out
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let ids = inputs[0].scalars.map { v -> Int in
            let i = Int(v)
            precondition(i >= 0 && i < inputDim, "Embedding: id \(v) outside 0..<\(inputDim)")
            return i
        }
        return embedding(indices: ids, shape: inputs[0].shape, table: ownParameters[0].value)
    }
}

extension Embedding: CatalogueLayer {
    static let inputDim = LayerOption<Int>.integer("input_dim")
    static let outputDim = LayerOption<Int>.integer("output_dim")
    static let embeddingsInitializer = LayerOption<Initializer>.initializer("embeddings_initializer", default: .uniform)

    public static let kinds = [LayerKind(
        "Embedding", yaml: "embedding", summary: "integer ids [N, ...] → rows of a learned table [input_dim, output_dim]",
        options: [inputDim.spec, outputDim.spec, embeddingsInitializer.spec]
    ) { o in Embedding(inputDim: o[inputDim], outputDim: o[outputDim], embeddingsInitializer: o[embeddingsInitializer]) }]

    public var config: LayerConfig {
        Self.kinds[0].config(Self.inputDim.entry(inputDim), Self.outputDim.entry(outputDim),
                             Self.embeddingsInitializer.entry(embeddingsInitializer))
    }
}
