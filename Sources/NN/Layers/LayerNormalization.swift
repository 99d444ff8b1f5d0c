import TensorCore

/// Keras LayerNormalization over the last axis, with `gamma` and `beta` [C].
public final class LayerNormalization: Module {
    /// Added to the variance.
    public let epsilon: Float
    /// gamma and beta once built.
    public private(set) var ownParameters: [Parameter] = []

    /// Layer normalisation with the Keras default epsilon 1e-3.
    public init(epsilon: Float = 1e-3) {
        precondition(epsilon > 0, "LayerNormalization: epsilon must be positive")
        self.epsilon = epsilon
    }

    public var typeName: String { "LayerNormalization" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "layer_normalization")
        guard s.count >= 2, s.last! > 0 else { throw ShapeError(op: "layer_normalization", "expects [N,...,C], got \(formatShape(s))") }
        return s
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let c = out.last!
        if let g = ownParameters.first {
            guard g.value.shape == [c] else { throw ShapeError(op: "layer_normalization", "was built for \(g.value.shape[0]) features, got \(formatShape(out))") }
            return out
        }
        ownParameters = [Parameter("gamma", shape: [c], initializer: .ones), Parameter("beta", shape: [c], initializer: .zeros)]
        ownParameters[0].value.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
        return out
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        layerNorm(inputs[0], gamma: ownParameters[0].value, beta: ownParameters[1].value, epsilon: epsilon)
    }
}

extension LayerNormalization: CatalogueLayer {
    /// Only the last axis is implemented.
    static let axis = LayerOption<Int>.integer("axis", -1 ... -1, default: -1)
    static let epsilon = LayerOption<Float>.number("epsilon", .greaterThan(0), default: 1e-3)

    public static let kinds = [LayerKind(
        "LayerNormalization", yaml: "layer_norm", summary: "normalises each example over the last axis",
        options: [axis.spec, epsilon.spec]
    ) { o in LayerNormalization(epsilon: o[epsilon]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.axis.entry(-1), Self.epsilon.entry(epsilon)) }
}
