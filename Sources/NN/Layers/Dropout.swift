import TensorCore

/// Keras Dropout: in training, zeroes each element with probability `rate` and scales the rest by 1/(1 − rate);
/// identity in inference. The mask comes from the context's generator for this layer's path.
public final class Dropout: Module {
    /// Probability of dropping an element.
    public let rate: Float

    /// Dropout with drop probability `rate` in [0, 1).
    public init(rate: Float) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
        self.rate = rate
    }

    public var typeName: String { "Dropout" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try singleInput(inputShapes, "dropout") }
    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        guard context.training, rate > 0 else { return inputs[0] }
        var rng = context.moduleRNG()
        return dropout(inputs[0], rate: rate, rng: &rng)
    }
}

extension Dropout: CatalogueLayer {
    static let rate = LayerOption<Float>.number("rate", .halfOpen(0, 1))

    public static let kinds = [LayerKind(
        "Dropout", yaml: "dropout", summary: "in training, zeroes each value with probability rate and scales the rest by 1/(1 − rate)",
        options: [rate.spec]
    ) { o in Dropout(rate: o[rate]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.rate.entry(rate)) }
}
