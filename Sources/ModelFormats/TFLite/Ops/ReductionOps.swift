import TensorCore

/// MEAN, REDUCE_PROD, REDUCE_MIN and REDUCE_MAX over the axes in their second input (negative axes count from
/// the end, repeats count once), with ReducerOptions.keep_dims. Float mean, min and max are TensorCore's.
enum ReductionOps {
    static let mean = reduction(40, "MEAN", types: [.float32], float: { x, axes, keep in x.mean(axes: axes, keepDims: keep) },
                                identity: nil)

    static let reduceProd = reduction(81, "REDUCE_PROD", types: [.float32, .int32], float: nil,
                                      identity: (Float(1), Int32(1), { $0 * $1 }, { $0 &* $1 }))

    static let reduceMin = reduction(89, "REDUCE_MIN", types: [.float32, .int32],
                                     float: { x, axes, keep in x.min(axes: axes, keepDims: keep) },
                                     identity: (Float.greatestFiniteMagnitude, Int32.max, { Swift.min($0, $1) }, { Swift.min($0, $1) }))

    static let reduceMax = reduction(82, "REDUCE_MAX", types: [.float32, .int32],
                                     float: { x, axes, keep in x.max(axes: axes, keepDims: keep) },
                                     identity: (-Float.greatestFiniteMagnitude, Int32.min, { Swift.max($0, $1) }, { Swift.max($0, $1) }))

    /// `float` is TensorCore's kernel for non-empty float inputs; `identity` the start value and step of the
    /// generic loop (integers, products, empty inputs). MEAN has no generic loop: an empty mean is NaN, as in TFLite.
    private static func reduction(_ code: Int, _ name: String, types: [TFLiteTensorType],
                                  float: (@Sendable (Tensor, [Int], Bool) -> Tensor)?,
                                  identity: (Float, Int32, @Sendable (Float, Float) -> Float, @Sendable (Int32, Int32) -> Int32)?) -> OpDefinition {
        OpDefinition(code: code, name: name) { site in
            try site.expect(inputs: 2...2, outputs: 1)
            try site.require(input: 0, types)
            try site.require(input: 1, [.int32], what: "axes")
            guard site.outputType(0) == site.inputType(0) else { throw site.unsupported("output type differs from input type") }
            let o = try site.options(TFLiteSchema.OptionsType.reducer)
            let keepDims = try site.option { () throws(FlatBufferError) in try o?.bool(0) ?? false }
            return { inputs in
                let x = try inputs.value(0)
                let axes = try normalised(try inputs.value(1).ints("axes"), rank: x.shape.count)
                var kept = x.shape, dropped: [Int] = []
                for (i, d) in x.shape.enumerated() {
                    if axes.contains(i) { kept[i] = 1 } else { dropped.append(d) }
                }
                let outShape = keepDims ? kept : dropped
                if axes.isEmpty { return [reshape(x, outShape)] }
                let reducedCount = axes.reduce(1) { $0 * x.shape[$1] }
                switch x {
                case let .float32(t):
                    if let float, reducedCount > 0, t.count > 0 { return [.float32(float(t, axes, keepDims))] }
                    guard let identity else {
                        return [.float32(Tensor(shape: outShape, repeating: .nan))]
                    }
                    let values = generic(t.scalars, x.shape, kept, identity.0, identity.2)
                    return [.float32(Tensor(shape: outShape, data: values))]
                case let .int32(a):
                    guard let identity else { throw OpFailure("INT32 input") }
                    return [.int32(HostArray(shape: outShape, values: generic(a.values, x.shape, kept, identity.1, identity.3)))]
                case .complex64:
                    throw OpFailure("COMPLEX64 input")
                }
            }
        }
    }

    static func normalised(_ axes: [Int], rank: Int) throws -> [Int] {
        var set = Set<Int>()
        for a in axes {
            let n = a < 0 ? a + rank : a
            guard n >= 0, n < rank else { throw OpFailure("axis \(a) is out of range for rank \(rank)") }
            set.insert(n)
        }
        return set.sorted()
    }

    private static func reshape(_ v: TFLiteValue, _ shape: [Int]) -> TFLiteValue {
        switch v {
        case let .float32(t): .float32(t.reshaped(shape))
        case let .int32(a): .int32(HostArray(shape: shape, values: a.values))
        case let .complex64(a): .complex64(HostArray(shape: shape, values: a.values))
        }
    }

    /// Folds every element into its output slot in row-major order (the order TFLite's reference kernel uses).
    private static func generic<T>(_ values: [T], _ shape: [Int], _ kept: [Int], _ start: T, _ f: (T, T) -> T) -> [T] {
        var out = [T](repeating: start, count: kept.reduce(1, *))
        guard !values.isEmpty else { return out }
        let strides = Broadcast.strides(of: kept, in: shape)
        var index = [Int](repeating: 0, count: shape.count)
        var o = 0
        for v in values {
            out[o] = f(out[o], v)
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1; o += strides[d]
                if index[d] < shape[d] { break }
                o -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
        return out
    }
}
