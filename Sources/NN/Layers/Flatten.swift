import TensorCore

/// Keras Flatten: [N, d1, d2, ...] → [N, d1·d2·...] in row-major order.
public final class Flatten: Module {
    /// A flatten layer.
    public init() {}

    public var typeName: String { "Flatten" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "flatten")
        guard s.count >= 2 else { throw ShapeError(op: "flatten", "expects [N,...], got \(formatShape(s))") }
        return [s[0], s.dropFirst().reduce(1, *)]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        inputs[0].reshaped([inputs[0].shape[0], inputs[0].count / Swift.max(inputs[0].shape[0], 1)])
    }
}

extension Flatten: CatalogueLayer {
    public static let kinds = [LayerKind("Flatten", yaml: "flatten", summary: "[N, d1, d2, ...] → [N, d1·d2·...], row-major",
                                         options: []) { _ in Flatten() }]

    public var config: LayerConfig { Self.kinds[0].config() }
}
