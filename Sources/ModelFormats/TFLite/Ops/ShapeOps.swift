import TensorCore

/// RESHAPE, EXPAND_DIMS, SQUEEZE and SHAPE: new shapes over the same elements (a float reshape shares its
/// storage), and the shape itself as an INT32 vector.
enum ShapeOps {
    static let reshape = OpDefinition(code: 22, name: "RESHAPE") { site in
        try site.expect(inputs: 1...2, outputs: 1)
        try site.require(input: 0, [.float32, .int32, .complex64])
        guard site.outputType(0) == site.inputType(0) else { throw site.unsupported("output type differs from input type") }
        // TFLite takes the shape from a rank-1 INT32 second input, else from ReshapeOptions.new_shape.
        let fromInput = site.input(1).map { $0.type == .int32 && $0.shape.count == 1 } ?? false
        var fromOptions: [Int]?
        if !fromInput {
            let o = try site.options(TFLiteSchema.OptionsType.reshape)
            fromOptions = try site.option { () throws(FlatBufferError) in try o?.ints(0, Int32.self) }
            // Old converters wrote [0] for a scalar.
            if fromOptions == [0] { fromOptions = [] }
            guard fromOptions != nil else { throw site.invalid("has neither a shape input nor new_shape") }
        }
        return { inputs in
            let x = try inputs.value(0)
            let requested = try fromOptions ?? inputs.value(1).ints("shape")
            return [reshaped(x, try resolve(requested, count: x.count, from: x.shape))]
        }
    }

    static let expandDims = OpDefinition(code: 70, name: "EXPAND_DIMS") { site in
        try site.expectValue(and: "axis")
        return { inputs in
            let x = try inputs.value(0)
            let rank = x.shape.count
            var axis = try inputs.value(1).scalarInt("axis")
            if axis < 0 { axis += rank + 1 }
            guard axis >= 0, axis <= rank else { throw OpFailure("axis out of range for shape \(x.shape)") }
            var shape = x.shape
            shape.insert(1, at: axis)
            return [reshaped(x, shape)]
        }
    }

    static let squeeze = OpDefinition(code: 43, name: "SQUEEZE") { site in
        try site.expect(inputs: 1...1, outputs: 1)
        try site.require(input: 0, [.float32, .int32, .complex64])
        let o = try site.options(TFLiteSchema.OptionsType.squeeze)
        let dims = try site.option { () throws(FlatBufferError) in try o?.ints(0, Int32.self) } ?? []
        return { inputs in
            let x = try inputs.value(0)
            let rank = x.shape.count
            var drop = Set<Int>()
            if dims.isEmpty {
                for (i, d) in x.shape.enumerated() where d == 1 { drop.insert(i) }
            } else {
                for d in dims {
                    let a = d < 0 ? d + rank : d
                    guard a >= 0, a < rank, x.shape[a] == 1 else {
                        throw OpFailure("cannot squeeze dimension \(d) of shape \(x.shape)")
                    }
                    drop.insert(a)
                }
            }
            return [reshaped(x, x.shape.enumerated().filter { !drop.contains($0.offset) }.map(\.element))]
        }
    }

    static let shape = OpDefinition(code: 77, name: "SHAPE") { site in
        try site.expect(inputs: 1...1, outputs: 1)
        try site.require(input: 0, [.float32, .int32, .complex64])
        try site.require(output: 0, [.int32])
        return { inputs in
            let x = try inputs.value(0)
            return [.int32(HostArray(shape: [x.shape.count], values: x.shape.map { Int32(truncatingIfNeeded: $0) }))]
        }
    }

    /// `requested` with its one -1 inferred, checked to hold `count` elements.
    static func resolve(_ requested: [Int], count: Int, from: [Int]) throws -> [Int] {
        var shape = requested
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1, shape.allSatisfy({ $0 >= -1 }) else {
            throw OpFailure("cannot reshape \(from) to \(requested)")
        }
        var known = 1
        for d in shape where d != -1 {
            let (p, overflow) = known.multipliedReportingOverflow(by: d)
            guard !overflow else { throw OpFailure("shape \(requested) overflows") }
            known = p
        }
        if let i = unknown.first {
            guard known > 0, count % known == 0 else { throw OpFailure("cannot reshape \(from) to \(requested)") }
            shape[i] = count / known
        } else if known != count {
            throw OpFailure("cannot reshape \(from) (\(count) elements) to \(requested)")
        }
        return shape
    }

    /// The same elements under `shape` (same count, checked by the caller).
    static func reshaped(_ v: TFLiteValue, _ shape: [Int]) -> TFLiteValue {
        switch v {
        case let .float32(t): .float32(t.reshaped(shape))
        case let .int32(a): .int32(HostArray(shape: shape, values: a.values))
        case let .complex64(a): .complex64(HostArray(shape: shape, values: a.values))
        }
    }
}
