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
    public var config: LayerConfig {
        LayerConfig(type: typeName, options: ["sequence_length": .int(sequenceLength), "initializer": .string(initializer.rawValue)])
    }

    /// Rebuilds from `config`.
    public static func make(_ c: LayerConfig) throws -> PositionalEmbedding {
        PositionalEmbedding(sequenceLength: try c.int("sequence_length"),
                            initializer: try Initializer(name: c.string("initializer", "glorot_uniform")))
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "positional_embedding", rank: 3, layout: "[N,T,D]")
        guard s[1] <= sequenceLength else {
            throw ShapeError("positional_embedding holds \(sequenceLength) positions, got \(formatShape(s))")
        }
        return s
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        if let t = ownParameters.first {
            guard t.value.shape[1] == out[2] else { throw ShapeError("positional_embedding was built for width \(t.value.shape[1]), got \(formatShape(out))") }
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
