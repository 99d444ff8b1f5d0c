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

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "reshape")
        guard s.count >= 1 else { throw ShapeError(op: "reshape", "expects [N,...], got []") }
        // Products checked for overflow: a target of several large sizes must be an error, not a trap.
        let size = try product(s.dropFirst()), known = try product(targetShape.filter { $0 != -1 })
        var t = targetShape
        if let i = t.firstIndex(of: -1) {
            guard size % known == 0 else { throw ShapeError(op: "reshape", "cannot fit \(formatShape(s)) into \(targetShape)") }
            t[i] = size / known
        } else if known != size {
            throw ShapeError(op: "reshape", "cannot fit \(formatShape(s)) (\(size) values per example) into \(targetShape) (\(known) values)")
        }
        return [s[0]] + t
    }

    private func product(_ sizes: some Sequence<Int>) throws -> Int {
        try sizes.reduce(1) { p, d in
            let (r, overflow) = p.multipliedReportingOverflow(by: d)
            if overflow { throw ShapeError(op: "reshape", "target \(targetShape) is too large") }
            return r
        }
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        inputs[0].reshaped([inputs[0].shape[0]] + targetShape)
    }
}

extension Reshape: CatalogueLayer {
    static let targetShape = LayerOption<[Int]>.shape("target_shape")

    public static let kinds = [LayerKind("Reshape", yaml: "reshape", summary: "[N, ...] → [N] + target_shape",
                                         options: [targetShape.spec]) { o in Reshape(targetShape: o[targetShape]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.targetShape.entry(targetShape)) }
}
