import TensorCore

/// Learned position embeddings (as keras_hub PositionEmbedding): adds `embeddings[t]` [sequenceLength, D] to
/// each step t of [N, T, D], T ≤ sequenceLength.
public final class PositionalEmbedding: Module {
    /// Longest sequence supported.
    public let sequenceLength: Int
    /// Table initialiser (keras_hub default glorot_uniform).
    public let initializer: Initializer
    /// The table once built.
    public private(set) var ownParameters: [Parameter] = []

    /// A learned positional embedding for up to `sequenceLength` steps.
    public init(sequenceLength: Int, initializer: Initializer = .glorotUniform) {
        precondition(sequenceLength > 0, "PositionalEmbedding: sequence_length must be positive")
        self.sequenceLength = sequenceLength; self.initializer = initializer
    }

    public var typeName: String { "PositionalEmbedding" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "positional_embedding", rank: 3, layout: "[N,T,D]")
        guard s[1] <= sequenceLength else {
            throw ShapeError(op: "positional_embedding", "holds \(sequenceLength) positions, got \(formatShape(s))")
        }
        return s
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        if let t = ownParameters.first {
            guard t.value.shape[1] == out[2] else { throw ShapeError(op: "positional_embedding", "was built for width \(t.value.shape[1]), got \(formatShape(out))") }
            return out
        }
        ownParameters = [Parameter("embeddings", shape: [sequenceLength, out[2]], initializer: initializer)]
        return out
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let x = inputs[0], t = x.shape[1], table = ownParameters[0].value
        return x + (t == sequenceLength ? table : table.sliced(axis: 0, 0..<t))
    }
}

extension PositionalEmbedding: CatalogueLayer {
    static let sequenceLength = LayerOption<Int>.integer("sequence_length")
    static let initializer = LayerOption<Initializer>.initializer("initializer", default: .glorotUniform)

    public static let kinds = [LayerKind(
        "PositionalEmbedding", yaml: "positional_embedding",
        summary: "adds a learned vector per step to [N, T, D], T ≤ sequence_length (keras_hub PositionEmbedding)",
        options: [sequenceLength.spec, initializer.spec]
    ) { o in PositionalEmbedding(sequenceLength: o[sequenceLength], initializer: o[initializer]) }]

    public var config: LayerConfig {
        Self.kinds[0].config(Self.sequenceLength.entry(sequenceLength), Self.initializer.entry(initializer))
    }
}
