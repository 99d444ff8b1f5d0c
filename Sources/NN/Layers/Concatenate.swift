import TensorCore

/// Keras Concatenate along `axis` (default -1); the other dimensions must agree.
public final class Concatenate: Module {
    /// Axis joined (negative counts from the end; 0, the batch, is not allowed).
    public let axis: Int

    /// A concatenation along `axis`.
    public init(axis: Int = -1) { self.axis = axis }

    public var typeName: String { "Concatenate" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count >= 2 else { throw ShapeError(op: "concatenate", "takes at least two inputs, got \(inputShapes.count)") }
        let rank = inputShapes[0].count, a = axis < 0 ? axis + rank : axis
        guard a >= 1, a < rank else { throw ShapeError(op: "concatenate", "axis \(axis) is outside the non-batch axes of \(formatShape(inputShapes[0]))") }
        var out = inputShapes[0]
        for s in inputShapes.dropFirst() {
            guard s.count == rank, s.enumerated().allSatisfy({ $0.offset == a || $0.element == out[$0.offset] }) else {
                throw ShapeError(op: "concatenate", "on axis \(axis): \(inputShapes.map(formatShape).joined(separator: " and ")) differ off that axis")
            }
            out[a] += s[a]
        }
        return out
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { concat(inputs, axis: axis) }
}

extension Concatenate: CatalogueLayer {
    static let axis = LayerOption<Int>.integer("axis", Int.min...Int.max, default: -1)

    public static let kinds = [LayerKind("Concatenate", yaml: "concatenate", summary: "joins its inputs along axis",
                                         options: [axis.spec]) { o in Concatenate(axis: o[axis]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.axis.entry(axis)) }
}
