import Foundation
import TensorCore

/// ADD, SUB, MUL, DIV (with fused activations), POW, MAXIMUM and FLOOR_DIV, broadcasting like NumPy, on FLOAT32
/// and INT32. Float ADD/SUB/MUL/DIV are TensorCore's own operators.
enum ElementwiseOps {
    static let add = arithmetic(0, "ADD", .add, options: TFLiteSchema.OptionsType.add)
    static let sub = arithmetic(41, "SUB", .sub, options: TFLiteSchema.OptionsType.sub)
    static let mul = arithmetic(18, "MUL", .mul, options: TFLiteSchema.OptionsType.mul)
    static let div = arithmetic(42, "DIV", .div, options: TFLiteSchema.OptionsType.div)
    static let pow = arithmetic(78, "POW", .pow, options: nil)
    static let maximum = arithmetic(55, "MAXIMUM", .maximum, options: nil)
    static let floorDiv = arithmetic(90, "FLOOR_DIV", .floorDiv, options: nil)

    /// `options`: the op's options type when it has a fused activation (field 0 of Add/Sub/Mul/DivOptions).
    private static func arithmetic(_ code: Int, _ name: String, _ kind: BinaryKind, options: UInt8?) -> OpDefinition {
        OpDefinition(code: code, name: name) { site in
            try site.expect(inputs: 2...2, outputs: 1)
            try site.require(input: 0, [.float32, .int32])
            try site.require(input: 1, [.float32, .int32])
            guard site.inputType(0) == site.inputType(1), site.outputType(0) == site.inputType(0) else {
                throw site.unsupported("mixed types \(site.inputType(0)!), \(site.inputType(1)!) -> \(site.output(0).type.map { "\($0)" } ?? "?")")
            }
            var activation = FusedActivation.none
            if let options {
                let table = try site.options(options)
                activation = try site.activation(try site.option { () throws(FlatBufferError) in try table?.int(0, Int8.self) ?? 0 })
            }
            return { inputs in
                let a = try inputs.value(0), b = try inputs.value(1)
                switch (a, b) {
                case let (.float32(x), .float32(y)): return [.float32(activation.apply(try kind.floats(x, y)))]
                case let (.int32(x), .int32(y)): return [activation.apply(.int32(try kind.ints(x, y)))]
                default: throw OpFailure("inputs are \(a.type) and \(b.type)")
                }
            }
        }
    }
}

/// The binary ops, each with its formula written where the loop is, so the loop inlines it.
enum BinaryKind {
    case add, sub, mul, div, pow, maximum, floorDiv

    func floats(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        let shape = try Broadcasting.shape(x.shape, y.shape)
        switch self {
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        case .pow: return Broadcasting.floats(x, y, shape) { Foundation.pow($0, $1) }
        case .maximum: return Broadcasting.floats(x, y, shape) { $0 > $1 ? $0 : $1 }
        case .floorDiv: return Broadcasting.floats(x, y, shape) { ($0 / $1).rounded(.down) }
        }
    }

    /// TFLite's integer kernels; a zero divisor or a negative exponent is an error, as there.
    func ints(_ x: HostArray<Int32>, _ y: HostArray<Int32>) throws -> HostArray<Int32> {
        switch self {
        case .add: return try Broadcasting.apply(x, y) { $0 &+ $1 }
        case .sub: return try Broadcasting.apply(x, y) { $0 &- $1 }
        case .mul: return try Broadcasting.apply(x, y) { $0 &* $1 }
        case .maximum: return try Broadcasting.apply(x, y) { $0 > $1 ? $0 : $1 }
        case .div:
            guard !y.values.contains(0) else { throw OpFailure("integer division by zero") }
            return try Broadcasting.apply(x, y) { $0.dividedReportingOverflow(by: $1).partialValue }
        case .floorDiv:
            guard !y.values.contains(0) else { throw OpFailure("FLOOR_DIV by zero") }
            return try Broadcasting.apply(x, y) { a, b in
                let (q, overflow) = a.dividedReportingOverflow(by: b)
                return !overflow && a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q
            }
        case .pow:
            guard !y.values.contains(where: { $0 < 0 }) else { throw OpFailure("integer POW with a negative exponent") }
            return try Broadcasting.apply(x, y) { a, b in
                var result: Int32 = 1, base = a, e = b
                while e > 0 {
                    if e & 1 == 1 { result = result &* base }
                    base = base &* base
                    e >>= 1
                }
                return result
            }
        }
    }
}
