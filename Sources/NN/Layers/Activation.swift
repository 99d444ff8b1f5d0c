import TensorCore

/// Keras Activation layer: applies one named activation, no weights.
public final class Activation: ActivatedLayer {
    /// The function applied.
    public let function: ActivationFunction

    /// An activation layer (relu, relu6, gelu, sigmoid, tanh, softmax, linear).
    public init(_ function: ActivationFunction) { self.function = function }

    public var typeName: String { "Activation" }
    public var activation: ActivationFunction { function }
    public var config: LayerConfig { LayerConfig(type: typeName, options: ["activation": .string(function.rawValue)]) }

    /// Rebuilds from `config`.
    public static func make(_ c: LayerConfig) throws -> Activation {
        Activation(try ActivationFunction(name: c.string("activation")))
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "activation")
        if function == .softmax, s.count < 2 { throw ShapeError("softmax expects [N,...,classes], got \(formatShape(s))") }
        return s
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }

    /// The input itself.
    public func preActivation(_ inputs: [Tensor], context: ForwardContext) -> Tensor { inputs[0] }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { function.apply(inputs[0]) }
}
