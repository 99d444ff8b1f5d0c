import Foundation
import TensorCore

/// ADD, SUB, MUL, DIV (with fused activations), POW, MAXIMUM and FLOOR_DIV, broadcasting like NumPy, on FLOAT32
/// and INT32. Float ADD/SUB/MUL/DIV are TensorCore's own operators.
enum ElementwiseOps {
    static let add = arithmetic(0, "ADD", options: TFLiteSchema.OptionsType.add, float: { $0 + $1 }) { a, b in a &+ b }
    static let sub = arithmetic(41, "SUB", options: TFLiteSchema.OptionsType.sub, float: { $0 - $1 }) { a, b in a &- b }
    static let mul = arithmetic(18, "MUL", options: TFLiteSchema.OptionsType.mul, float: { $0 * $1 }) { a, b in a &* b }
    static let div = arithmetic(42, "DIV", options: TFLiteSchema.OptionsType.div, float: { $0 / $1 }) { a, b in
        guard b != 0 else { throw OpFailure("integer division by zero") }
        return a.dividedReportingOverflow(by: b).partialValue
    }

    static let pow = elementwise(78, "POW", float: { Foundation.pow($0, $1) }) { a, b in
        guard b >= 0 else { throw OpFailure("integer POW with a negative exponent \(b)") }
        var result: Int32 = 1, base = a, e = b
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            base = base &* base
            e >>= 1
        }
        return result
    }

    static let maximum = elementwise(55, "MAXIMUM", float: { $0 > $1 ? $0 : $1 }) { a, b in a > b ? a : b }

    static let floorDiv = elementwise(90, "FLOOR_DIV", float: { ($0 / $1).rounded(.down) }) { a, b in
        guard b != 0 else { throw OpFailure("FLOOR_DIV by zero") }
        let (q, overflow) = a.dividedReportingOverflow(by: b)
        if overflow { return q }
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
    }

    /// An op with a fused activation in its options (field 0 of AddOptions, SubOptions, MulOptions, DivOptions).
    private static func arithmetic(_ code: Int, _ name: String, options: UInt8, float: @escaping @Sendable (Tensor, Tensor) -> Tensor,
                                   int: @escaping @Sendable (Int32, Int32) throws -> Int32) -> OpDefinition {
        OpDefinition(code: code, name: name) { site in
            try checkTypes(site)
            let table = try site.options(options)
            let activation = try site.activation(try site.option { () throws(FlatBufferError) in try table?.int(0, Int8.self) ?? 0 })
            return { inputs in
                let a = try inputs.value(0), b = try inputs.value(1)
                switch (a, b) {
                case let (.float32(x), .float32(y)):
                    _ = try Broadcasting.shape(x.shape, y.shape)
                    return [.float32(activation.apply(float(x, y)))]
                case let (.int32(x), .int32(y)):
                    return [activation.apply(.int32(try intOp(x, y, int)))]
                default:
                    throw OpFailure("inputs are \(a.type) and \(b.type)")
                }
            }
        }
    }

    /// An op without options.
    private static func elementwise(_ code: Int, _ name: String, float: @escaping @Sendable (Float, Float) -> Float,
                                    int: @escaping @Sendable (Int32, Int32) throws -> Int32) -> OpDefinition {
        OpDefinition(code: code, name: name) { site in
            try checkTypes(site)
            return { inputs in
                let a = try inputs.value(0), b = try inputs.value(1)
                switch (a, b) {
                case let (.float32(x), .float32(y)):
                    let shape = try Broadcasting.shape(x.shape, y.shape)
                    return [.float32(Tensor.filled(shape) { out in
                        x.withUnsafeBufferPointer { px in
                            y.withUnsafeBufferPointer { py in Broadcasting.apply(px, x.shape, py, y.shape, out, shape, float) }
                        }
                    })]
                case let (.int32(x), .int32(y)):
                    return [.int32(try intOp(x, y, int))]
                default:
                    throw OpFailure("inputs are \(a.type) and \(b.type)")
                }
            }
        }
    }

    private static func checkTypes(_ site: OpSite) throws {
        try site.expect(inputs: 2...2, outputs: 1)
        try site.require(input: 0, [.float32, .int32])
        try site.require(input: 1, [.float32, .int32])
        guard site.inputType(0) == site.inputType(1), site.outputType(0) == site.inputType(0) else {
            throw site.unsupported("mixed types \(site.inputType(0)!), \(site.inputType(1)!) -> \(site.output(0).type.map { "\($0)" } ?? "?")")
        }
    }

    /// Integer `f` with broadcasting; the first failure (a division by zero) stops the op.
    private static func intOp(_ x: HostArray<Int32>, _ y: HostArray<Int32>,
                              _ f: (Int32, Int32) throws -> Int32) throws -> HostArray<Int32> {
        var failure: Error?
        let out = try Broadcasting.apply(x, y) { a, b -> Int32 in
            if failure != nil { return 0 }
            do { return try f(a, b) } catch { failure = error; return 0 }
        }
        if let failure { throw failure }
        return out
    }
}
