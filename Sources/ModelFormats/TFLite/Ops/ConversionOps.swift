import TensorCore

/// CAST between FLOAT32, INT32 and COMPLEX64 (complex to real keeps the real part, as TFLite does), and RANGE.
enum ConversionOps {
    static let cast = OpDefinition(code: 53, name: "CAST") { site in
        try site.expect(inputs: 1...1, outputs: 1)
        try site.require(input: 0, [.float32, .int32, .complex64])
        try site.require(output: 0, [.float32, .int32, .complex64])
        let to = site.outputType(0)!
        return { inputs in
            let x = try inputs.value(0)
            let shape = x.shape
            let reals: [Float]
            switch x {
            case let .float32(t): if to == .float32 { return [x] }; reals = t.scalars
            case let .int32(a): if to == .int32 { return [x] }; reals = a.values.map { Float($0) }
            case let .complex64(a):
                if to == .complex64 { return [x] }
                if to == .float32 {
                    return [.float32(Tensor.filled(shape) { dst in for i in 0..<dst.count { dst[i] = a.values[i].re } })]
                }
                reals = a.values.map(\.re)
            }
            switch to {
            case .float32: return [.float32(Tensor(shape: shape, data: reals))]
            case .int32:
                if case let .int32(a) = x { return [.int32(a)] }
                return [.int32(HostArray(shape: shape, values: reals.map(truncated)))]
            default:
                if case let .int32(a) = x {
                    return [.complex64(HostArray(shape: shape, values: a.values.map { Complex64(re: Float($0), im: 0) }))]
                }
                return [.complex64(HostArray(shape: shape, values: reals.map { Complex64(re: $0, im: 0) }))]
            }
        }
    }

    static let range = OpDefinition(code: 96, name: "RANGE") { site in
        try site.expect(inputs: 3...3, outputs: 1)
        for (i, what) in [(0, "start"), (1, "limit"), (2, "delta")] { try site.require(input: i, [.float32, .int32], what: what) }
        guard site.inputType(0) == site.inputType(1), site.inputType(1) == site.inputType(2), site.outputType(0) == site.inputType(0) else {
            throw site.unsupported("start, limit, delta and output of different types")
        }
        return { inputs in
            let start = try inputs.value(0), limit = try inputs.value(1), delta = try inputs.value(2)
            if case .int32 = start {
                let s = try start.scalarInt("start"), l = try limit.scalarInt("limit"), d = try delta.scalarInt("delta")
                try check(s < l ? 1 : s > l ? -1 : 0, d == 0 ? 0 : d > 0 ? 1 : -1)
                let n = d == 0 ? 0 : (abs(l - s) + abs(d) - 1) / abs(d)
                guard n <= 1 << 28 else { throw OpFailure("RANGE of \(n) elements") }
                return [.int32(HostArray(shape: [n], values: (0..<n).map { Int32(truncatingIfNeeded: s + $0 * d) }))]
            }
            let s = try scalar(start), l = try scalar(limit), d = try scalar(delta)
            try check(s < l ? 1 : s > l ? -1 : 0, d == 0 ? 0 : d > 0 ? 1 : -1)
            let count = d == 0 ? 0 : (abs((l - s) / d)).rounded(.up)
            guard count.isFinite, count <= Float(1 << 28) else { throw OpFailure("RANGE of \(count) elements") }
            let n = Int(count)
            return [.float32(Tensor(shape: [n], data: (0..<n).map { s + Float($0) * d }))]
        }
    }

    /// TFLite's checks: delta is not 0 and points from start towards limit (an empty range is fine).
    private static func check(_ direction: Int, _ deltaSign: Int) throws {
        guard deltaSign != 0 else { throw OpFailure("delta is 0") }
        guard direction == 0 || direction == deltaSign else { throw OpFailure("delta points away from limit") }
    }

    private static func scalar(_ v: TFLiteValue) throws -> Float {
        let t = try v.float("RANGE operand")
        guard t.count == 1 else { throw OpFailure("RANGE operands must be scalars, got \(t.shape)") }
        return t.item
    }

    /// C's float-to-int conversion (toward zero), saturated where C's is undefined.
    private static func truncated(_ x: Float) -> Int32 {
        if x.isNaN { return 0 }
        if x >= 2_147_483_648 { return .max }
        if x <= -2_147_483_648 { return .min }
        return Int32(x.rounded(.towardZero))
    }
}
