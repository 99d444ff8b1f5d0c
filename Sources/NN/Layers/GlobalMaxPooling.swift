import TensorCore

/// Keras GlobalMaxPooling1D ([N, L, C] → [N, C]) or 2D ([N, H, W, C] → [N, C]): each channel's largest value.
/// It is a max pool whose window is the whole example, so its gradient goes, as MaxPooling's, to the first of tied
/// maxima (Keras's `ops.max` splits it between them; ties do not occur after continuous layers such as batch norm).
public final class GlobalMaxPooling: Module {
    /// 1 or 2 spatial dimensions.
    public let dimensions: Int

    /// Global max pooling over `dimensions` (1 or 2) spatial axes.
    public init(dimensions: Int) {
        precondition(dimensions == 1 || dimensions == 2, "GlobalMaxPooling: 1 or 2 dimensions")
        self.dimensions = dimensions
    }

    public var typeName: String { "GlobalMaxPooling\(dimensions)D" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let op = "global_max_pool\(dimensions)d"
        let s = try singleInput(inputShapes, op, rank: dimensions + 2, layout: dimensions == 1 ? "[N,L,C]" : "[N,H,W,C]")
        guard s.dropFirst().dropLast().allSatisfy({ $0 > 0 }) else { throw ShapeError(op: op, "needs a position, got \(formatShape(s))") }
        return [s[0], s.last!]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }

    /// The positions as one axis [N, P, C], then a max pool of window P.
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let x = inputs[0], n = x.shape[0], c = x.shape[x.rank - 1], positions = x.count / Swift.max(n * c, 1)
        return maxPool1d(dimensions == 1 ? x : x.reshaped([n, positions, c]), size: positions).reshaped([n, c])
    }
}

extension GlobalMaxPooling: CatalogueLayer {
    public static let kinds = [1, 2].map { d in
        LayerKind("GlobalMaxPooling\(d)D", yaml: "global_max_pool\(d)d", aliases: ["GlobalMaxPool\(d)D"],
                  summary: "largest value over every \(d == 1 ? "step: [N, L, C]" : "position: [N, H, W, C]") → [N, C]",
                  options: []) { _ in GlobalMaxPooling(dimensions: d) }
    }

    public var config: LayerConfig { Self.kinds[dimensions - 1].config() }
}
