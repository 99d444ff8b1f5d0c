import TensorCore

/// Classifies an embedding by its distance to one prototype per class: [N, D] → [N, classes] logits
/// −‖x − p_c‖² (Snell et al. 2017). The prototypes are state, not weights: training never moves them; the
/// trainer sets each to the mean embedding of its class's training clips, so the saved model classifies as it
/// was evaluated.
public final class NearestPrototype: Module {
    /// Number of prototypes (classes).
    public let units: Int
    public private(set) var ownParameters: [Parameter] = []

    public init(units: Int) {
        precondition(units > 0, "NearestPrototype: units must be positive, got \(units)")
        self.units = units
    }

    public var typeName: String { "NearestPrototype" }

    /// The prototypes, [units, D].
    public var prototypes: Tensor { ownParameters[0].value }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "nearest_prototype", rank: 2, layout: "[N, embedding]")
        return [s[0], units]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let width = inputShapes[0][1]
        if let p = ownParameters.first {
            guard p.value.shape[1] == width else {
                throw ShapeError(op: "nearest_prototype", "was built for embeddings of \(p.value.shape[1]), got \(formatShape(inputShapes[0]))")
            }
        } else {
            ownParameters = [Parameter("prototypes", shape: [units, width], trainable: false, initializer: .zeros)]
        }
        return out
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        -pairwiseSquaredDistances(inputs[0], prototypes)
    }

    /// Sets prototype c to `values[c]` (row-major [units, D]).
    public func setPrototypes(_ values: [Float]) {
        precondition(values.count == prototypes.count, "NearestPrototype: \(values.count) values for \(prototypes.shape)")
        prototypes.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: values) }
    }
}

extension NearestPrototype: CatalogueLayer {
    static let units = LayerOption<Int>.integer("units")

    public static let kinds = [LayerKind(
        "NearestPrototype", yaml: "nearest_prototype",
        summary: "[N, D] → [N, classes] logits −‖x − p_c‖² to one prototype per class, each the mean training embedding of its class",
        options: [units.spec]
    ) { o in NearestPrototype(units: o[units]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.units.entry(units)) }
}
