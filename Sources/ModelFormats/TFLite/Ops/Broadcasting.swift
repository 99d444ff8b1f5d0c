import TensorCore

/// NumPy broadcasting for the elementwise ops TensorCore has no kernel for (MAXIMUM, POW, FLOOR_DIV) and for
/// integer values: shapes aligned on the right, a dimension of 1 stretches.
enum Broadcasting {
    /// The broadcast shape, or an `OpFailure` naming both shapes.
    static func shape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else { throw OpFailure("shapes \(a) and \(b) do not broadcast") }
            out[i] = da == 1 ? db : da
        }
        _ = try ElementCount.checked(out)
        return out
    }

    /// Element strides of `shape` seen in `outShape`'s rank, 0 along stretched dimensions.
    static func strides(of shape: [Int], in outShape: [Int]) -> [Int] {
        let offset = outShape.count - shape.count
        var strides = [Int](repeating: 0, count: outShape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 ? 0 : s
            s *= shape[i]
        }
        return strides
    }

    /// out[i] = f(a[ia], b[ib]) over the broadcast shape `outShape`.
    @inline(__always)
    static func apply<T, U>(_ a: UnsafeBufferPointer<T>, _ aShape: [Int], _ b: UnsafeBufferPointer<T>, _ bShape: [Int],
                            _ out: UnsafeMutableBufferPointer<U>, _ outShape: [Int], _ f: (T, T) -> U) {
        if out.isEmpty { return }
        if aShape == bShape {
            for i in 0..<out.count { out[i] = f(a[i], b[i]) }
            return
        }
        let rank = outShape.count
        if rank == 0 { out[0] = f(a[0], b[0]); return }
        let sa = strides(of: aShape, in: outShape), sb = strides(of: bShape, in: outShape)
        let inner = outShape[rank - 1], stepA = sa[rank - 1], stepB = sb[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var ia = 0, ib = 0, o = 0
        while o < out.count {
            for j in 0..<inner { out[o + j] = f(a[ia + j * stepA], b[ib + j * stepB]) }
            o += inner
            var d = rank - 2
            while d >= 0 {
                index[d] += 1; ia += sa[d]; ib += sb[d]
                if index[d] < outShape[d] { break }
                ia -= sa[d] * outShape[d]; ib -= sb[d] * outShape[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    /// `f` over two arrays with broadcasting.
    @inline(__always)
    static func apply<T, U>(_ a: HostArray<T>, _ b: HostArray<T>, _ f: (T, T) -> U) throws -> HostArray<U> {
        let shape = try shape(a.shape, b.shape)
        let n = shape.reduce(1, *)
        let values = a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                [U](unsafeUninitializedCapacity: n) { out, written in
                    apply(pa, a.shape, pb, b.shape, out, shape, f)
                    written = n
                }
            }
        }
        return HostArray(shape: shape, values: values)
    }

    /// `f` over two float tensors with broadcasting, into a new tensor of the broadcast `shape`.
    @inline(__always)
    static func floats(_ x: Tensor, _ y: Tensor, _ shape: [Int], _ f: (Float, Float) -> Float) -> Tensor {
        Tensor.filled(shape) { out in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeBufferPointer { py in apply(px, x.shape, py, y.shape, out, shape, f) }
            }
        }
    }
}
