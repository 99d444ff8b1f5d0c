import TensorCore

/// Keras Activation layer: applies one named activation, no weights.
public final class Activation: ActivatedLayer {
    /// The function applied.
    public let function: ActivationFunction

    /// An activation layer (relu, relu6, gelu, sigmoid, tanh, softmax, linear).
    public init(_ function: ActivationFunction) { self.function = function }

    public var typeName: String { "Activation" }
    public var activation: ActivationFunction { function }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "activation")
        if function == .softmax, s.count < 2 { throw ShapeError(op: "softmax", "expects [N,...,classes], got \(formatShape(s))") }
        return s
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }

    /// The input itself.
    public func preActivation(_ inputs: [Tensor], context: ForwardContext) -> Tensor { inputs[0] }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { function.apply(inputs[0]) }
}

extension Activation: CatalogueLayer {
    static let function = LayerOption<ActivationFunction>.activation(default: nil)

    public static let kinds = [LayerKind("Activation", yaml: "activation", summary: "one named activation, no weights",
                                         options: [function.spec]) { o in Activation(o[function]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.function.entry(function)) }
}
