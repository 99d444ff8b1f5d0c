import TensorCore

/// Broadcast loops for the elementwise ops TensorCore has no kernel for (MAXIMUM, POW, FLOOR_DIV) and for integer
/// values, on TensorCore's broadcasting rule.
enum Broadcasting {
    /// The broadcast shape (TensorCore's rule), or an `OpFailure` naming both shapes.
    static func shape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        guard let out = Broadcast.shape(a, b) else { throw OpFailure("shapes \(a) and \(b) do not broadcast") }
        _ = try ElementCount.checked(out)
        return out
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
        let sa = Broadcast.strides(of: aShape, in: outShape), sb = Broadcast.strides(of: bShape, in: outShape)
        Broadcast.forEachRun(outShape, sa, sb) { o, ia, ib, n, stepA, stepB in
            for j in 0..<n { out[o + j] = f(a[ia + j * stepA], b[ib + j * stepB]) }
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
