import TensorCore

/// Keras BatchNormalization over the last axis: batch statistics in training (updating the moving ones in place),
/// moving statistics in inference. `gamma`/`beta` are trained; `moving_mean`/`moving_variance` are state.
public final class BatchNormalization: Module {
    /// Weight of the old moving statistic in each update.
    public let momentum: Float
    /// Added to the variance.
    public let epsilon: Float
    /// gamma, beta, moving_mean, moving_variance once built.
    public private(set) var ownParameters: [Parameter] = []

    /// Batch normalisation with Keras defaults (momentum 0.99, epsilon 1e-3).
    public init(momentum: Float = 0.99, epsilon: Float = 1e-3) {
        precondition(momentum >= 0 && momentum <= 1 && epsilon > 0, "BatchNormalization: momentum in [0,1], epsilon > 0")
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public var typeName: String { "BatchNormalization" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "batch_normalization")
        guard s.count >= 2, s.last! > 0 else { throw ShapeError(op: "batch_normalization", "expects [N,...,C], got \(formatShape(s))") }
        return s
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let c = out.last!
        if let g = ownParameters.first {
            guard g.value.shape == [c] else { throw ShapeError(op: "batch_normalization", "was built for \(g.value.shape[0]) channels, got \(formatShape(out))") }
            return out
        }
        ownParameters = [
            Parameter("gamma", shape: [c], initializer: .ones),
            Parameter("beta", shape: [c], initializer: .zeros),
            Parameter("moving_mean", shape: [c], trainable: false, initializer: .zeros),
            Parameter("moving_variance", shape: [c], trainable: false, initializer: .ones),
        ]
        ownParameters[0].value.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
        ownParameters[3].value.withUnsafeMutableBufferPointer { $0.update(repeating: 1) }
        return out
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let p = ownParameters
        return batchNorm(inputs[0], gamma: p[0].value, beta: p[1].value, runningMean: p[2].value, runningVar: p[3].value,
                         training: context.training, momentum: momentum, epsilon: epsilon)
    }
}

extension BatchNormalization: CatalogueLayer {
    static let momentum = LayerOption<Float>.number("momentum", .closed(0, 1), default: 0.99)
    static let epsilon = LayerOption<Float>.number("epsilon", .greaterThan(0), default: 1e-3)

    public static let kinds = [LayerKind(
        "BatchNormalization", yaml: "batch_norm",
        summary: "normalises the last axis by batch statistics in training, moving ones in inference",
        options: [momentum.spec, epsilon.spec]
    ) { o in BatchNormalization(momentum: o[momentum], epsilon: o[epsilon]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.momentum.entry(momentum), Self.epsilon.entry(epsilon)) }
}
