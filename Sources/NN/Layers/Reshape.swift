import TensorCore

/// Keras Reshape: keeps the batch dimension, reshapes the rest to `targetShape` (one entry may be -1).
public final class Reshape: Module {
    /// The shape after the batch dimension.
    public let targetShape: [Int]

    /// A reshape to [N] + `targetShape`.
    public init(targetShape: [Int]) {
        precondition(targetShape.filter { $0 == -1 }.count <= 1 && targetShape.allSatisfy { $0 > 0 || $0 == -1 },
                     "Reshape: target_shape \(targetShape) needs positive sizes and at most one -1")
        self.targetShape = targetShape
    }

    public var typeName: String { "Reshape" }
    public var config: LayerConfig { LayerConfig(type: typeName, options: ["target_shape": .ints(targetShape)]) }

    /// Rebuilds from `config`.
    public static func make(_ c: LayerConfig) throws -> Reshape {
        let t = try c.ints("target_shape")
        guard t.filter({ $0 == -1 }).count <= 1, t.allSatisfy({ $0 > 0 || $0 == -1 }) else {
            throw ShapeError("Reshape: target_shape \(t) needs positive sizes and at most one -1")
        }
        return Reshape(targetShape: t)
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "reshape")
        guard s.count >= 1 else { throw ShapeError("reshape expects [N,...], got []") }
        let size = s.dropFirst().reduce(1, *), known = targetShape.filter { $0 != -1 }.reduce(1, *)
        var t = targetShape
        if let i = t.firstIndex(of: -1) {
            guard known > 0, size % known == 0 else { throw ShapeError("reshape cannot fit \(formatShape(s)) into \(targetShape)") }
            t[i] = size / known
        } else if known != size {
            throw ShapeError("reshape: \(formatShape(s)) has \(size) values per sample, target \(targetShape) needs \(known)")
        }
        return [s[0]] + t
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        inputs[0].reshaped([inputs[0].shape[0]] + targetShape)
    }
}
