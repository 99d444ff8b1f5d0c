import TensorCore

/// Elementwise (or, for softmax, last-axis) activations by their Keras names.
public enum ActivationFunction: String, Sendable, CaseIterable {
    /// Identity.
    case linear
    /// max(x, 0).
    case relu
    /// min(max(x, 0), 6).
    case relu6
    /// Exact (erf) GELU, the Keras default.
    case gelu
    /// 1 / (1 + e^-x).
    case sigmoid
    /// Hyperbolic tangent.
    case tanh
    /// Softmax over the last axis.
    case softmax
    /// x·σ(x) (Keras "silu", alias "swish").
    case silu
    /// log(1 + eˣ).
    case softplus
    /// x for x > 0, else 0.2·x (the Keras 3 `leaky_relu` activation's default slope).
    case leakyRelu = "leaky_relu"

    /// Applies the activation.
    public func apply(_ x: Tensor) -> Tensor {
        switch self {
        case .linear: x
        case .relu: x.relu()
        case .relu6: x.relu6()
        case .gelu: x.gelu(approximate: false)
        case .sigmoid: x.sigmoid()
        case .tanh: x.tanh()
        case .softmax: x.softmax(axis: -1)
        case .silu: x.silu()
        case .softplus: x.softplus()
        case .leakyRelu: x.leakyRelu(alpha: 0.2)
        }
    }
}

extension LayerOption where Value == ActivationFunction {
    /// The `activation` option by Keras name ("swish" is read as silu); required when `default` is nil.
    public static func activation(default d: ActivationFunction? = .linear) -> Self {
        .choice("activation", default: d, aliases: ["swish": .silu], listedAs: "activation")
    }
}
