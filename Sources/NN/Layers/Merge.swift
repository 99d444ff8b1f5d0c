import TensorCore

/// Keras Add: the elementwise sum of two or more inputs of the same shape (residual connections).
public final class Add: Module {
    /// An add layer.
    public init() {}

    public var typeName: String { "Add" }
    public var config: LayerConfig { LayerConfig(type: typeName) }
    /// Rebuilds from `config`.
    public static func make(_ c: LayerConfig) throws -> Add { Add() }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count >= 2 else { throw ShapeError("add takes at least two inputs, got \(inputShapes.count)") }
        guard inputShapes.allSatisfy({ $0 == inputShapes[0] }) else {
            throw ShapeError("add needs equal shapes, got \(inputShapes.map(formatShape).joined(separator: " and "))")
        }
        return inputShapes[0]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { inputs.dropFirst().reduce(inputs[0], +) }
}

/// Keras Concatenate along `axis` (default -1); the other dimensions must agree.
public final class Concatenate: Module {
    /// Axis joined (negative counts from the end; 0, the batch, is not allowed).
    public let axis: Int

    /// A concatenation along `axis`.
    public init(axis: Int = -1) { self.axis = axis }

    public var typeName: String { "Concatenate" }
    public var config: LayerConfig { LayerConfig(type: typeName, options: ["axis": .int(axis)]) }
    /// Rebuilds from `config`.
    public static func make(_ c: LayerConfig) throws -> Concatenate { Concatenate(axis: try c.int("axis", -1)) }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count >= 2 else { throw ShapeError("concatenate takes at least two inputs, got \(inputShapes.count)") }
        let rank = inputShapes[0].count, a = axis < 0 ? axis + rank : axis
        guard a >= 1, a < rank else { throw ShapeError("concatenate: axis \(axis) is outside the non-batch axes of \(formatShape(inputShapes[0]))") }
        var out = inputShapes[0]
        for s in inputShapes.dropFirst() {
            guard s.count == rank, s.enumerated().allSatisfy({ $0.offset == a || $0.element == out[$0.offset] }) else {
                throw ShapeError("concatenate on axis \(axis): \(inputShapes.map(formatShape).joined(separator: " and ")) differ off that axis")
            }
            out[a] += s[a]
        }
        return out
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { concat(inputs, axis: axis) }
}
