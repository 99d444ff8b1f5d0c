import TensorCore

/// Keras GlobalAveragePooling1D ([N, L, C] → [N, C]) or 2D ([N, H, W, C] → [N, C]).
public final class GlobalAveragePooling: Module {
    /// 1 or 2 spatial dimensions.
    public let dimensions: Int

    /// Global average pooling over `dimensions` (1 or 2) spatial axes.
    public init(dimensions: Int) {
        precondition(dimensions == 1 || dimensions == 2, "GlobalAveragePooling: 1 or 2 dimensions")
        self.dimensions = dimensions
    }

    public var typeName: String { "GlobalAveragePooling\(dimensions)D" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "global_avg_pool\(dimensions)d", rank: dimensions + 2,
                                layout: dimensions == 1 ? "[N,L,C]" : "[N,H,W,C]")
        return [s[0], s.last!]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { globalAvgPool(inputs[0]) }
}

extension GlobalAveragePooling: CatalogueLayer {
    public static let kinds = [1, 2].map { d in
        LayerKind("GlobalAveragePooling\(d)D", yaml: "global_avg_pool\(d)d", aliases: ["GlobalAvgPool\(d)D"],
                  summary: "mean over every \(d == 1 ? "step: [N, L, C]" : "position: [N, H, W, C]") → [N, C]",
                  options: []) { _ in GlobalAveragePooling(dimensions: d) }
    }

    public var config: LayerConfig { Self.kinds[dimensions - 1].config() }
}
