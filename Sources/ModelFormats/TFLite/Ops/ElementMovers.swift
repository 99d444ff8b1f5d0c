/// The element-moving kernels several ops share, written once for every element type.

/// Output element (i0, i1, ...) is source element `base + Σ ik·steps[k]`: a strided slice, a reversal
/// (negative steps) or a transpose (steps permuted), in one loop whose last axis copies contiguous runs.
struct StridedView: ElementMover {
    let base: Int
    let steps: [Int]
    let lengths: [Int]

    /// Row-major element strides of `shape`.
    static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for i in stride(from: shape.count - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * shape[i + 1] }
        return strides
    }

    func move<T>(_ sources: [UnsafeBufferPointer<T>], into dst: UnsafeMutableBufferPointer<T>) {
        guard !dst.isEmpty, let src = sources[0].baseAddress, let out = dst.baseAddress else { return }
        let rank = lengths.count
        if rank == 0 { out[0] = src[base]; return }
        let inner = lengths[rank - 1], step = steps[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var at = base, o = 0
        while true {
            if step == 1 {
                (out + o).update(from: src + at, count: inner)
            } else {
                for j in 0..<inner { out[o + j] = src[at + j * step] }
            }
            o += inner
            var d = rank - 2
            while d >= 0 {
                index[d] += 1; at += steps[d]
                if index[d] < lengths[d] { break }
                at -= steps[d] * lengths[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}

/// `length` elements from `start` of each of `outer` rows of `rowLength` elements.
struct AxisSlice: ElementMover {
    let outer, rowLength, start, length: Int

    func move<T>(_ sources: [UnsafeBufferPointer<T>], into dst: UnsafeMutableBufferPointer<T>) {
        guard length > 0, let src = sources[0].baseAddress, let out = dst.baseAddress else { return }
        for r in 0..<outer { (out + r * length).update(from: src + r * rowLength + start, count: length) }
    }
}
