/// Slicing and constant padding: both copy one box of elements between two shapes, so they share `copyBox`,
/// and each one's backward is the other's forward.

extension Tensor {
    /// The sub-tensor with `ranges[i]` along axis i (step 1); axes beyond `ranges.count` are kept whole.
    public func sliced(_ ranges: [Range<Int>]) -> Tensor {
        precondition(ranges.count <= rank, "slice: \(ranges.count) ranges for shape \(shape)")
        for (i, r) in ranges.enumerated() {
            precondition(r.lowerBound >= 0 && r.upperBound <= shape[i],
                         "slice: range \(r) out of bounds for axis \(i) of shape \(shape)")
        }
        let starts = ranges.map(\.lowerBound) + [Int](repeating: 0, count: rank - ranges.count)
        let outShape = ranges.map(\.count) + shape[ranges.count...]
        let out = Tensor(uninitialized: outShape)
        Tensor.copyBox(outShape, from: pointer, shape, at: starts, to: out.pointer, outShape, at: [])
        let inShape = shape
        return out.record([self]) { [unowned self] g in
            let gi = Tensor.zeros(inShape)
            Tensor.copyBox(outShape, from: g.pointer, outShape, at: [], to: gi.pointer, inShape, at: starts)
            self.accumulate(gi)
        }
    }

    /// The sub-tensor with `range` along `axis` (negative counts from the end), other axes whole.
    public func sliced(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "slice: axis \(axis) out of range for shape \(shape)")
        return sliced((0..<a).map { 0..<shape[$0] } + [range])
    }

    /// The tensor surrounded by `value`: `padding[i]` = (before, after) elements along axis i (missing axes: none).
    public func padded(_ padding: [(before: Int, after: Int)], value: Float = 0) -> Tensor {
        precondition(padding.count <= rank, "pad: \(padding.count) pairs for shape \(shape)")
        precondition(padding.allSatisfy { $0.before >= 0 && $0.after >= 0 }, "pad: negative padding \(padding)")
        let starts = padding.map(\.before) + [Int](repeating: 0, count: rank - padding.count)
        let outShape = shape.enumerated().map { i, d in
            i < padding.count ? padding[i].before + d + padding[i].after : d
        }
        let out = Tensor(shape: outShape, repeating: value)
        let inShape = shape
        Tensor.copyBox(inShape, from: pointer, inShape, at: [], to: out.pointer, outShape, at: starts)
        return out.record([self]) { [unowned self] g in
            let gi = Tensor(uninitialized: inShape)
            Tensor.copyBox(inShape, from: g.pointer, outShape, at: starts, to: gi.pointer, inShape, at: [])
            self.accumulate(gi)
        }
    }

    /// Copies the box of size `extent` starting at `srcStart` in a `srcShape` array to `dstStart` in a `dstShape`
    /// array (empty start = origin); `add` accumulates instead of overwriting. Rows of the last axis are contiguous.
    static func copyBox(_ extent: [Int], from src: UnsafeMutablePointer<Float>, _ srcShape: [Int], at srcStart: [Int],
                        to dst: UnsafeMutablePointer<Float>, _ dstShape: [Int], at dstStart: [Int], add: Bool = false) {
        let rank = extent.count
        guard !extent.contains(0) else { return }
        if rank == 0 {
            if add { dst[0] += src[0] } else { dst[0] = src[0] }
            return
        }
        func strides(_ s: [Int]) -> [Int] {
            var st = [Int](repeating: 1, count: rank)
            for i in stride(from: rank - 2, through: 0, by: -1) { st[i] = st[i + 1] * s[i + 1] }
            return st
        }
        let ss = strides(srcShape), ds = strides(dstShape)
        var so = 0, dOff = 0
        for i in 0..<rank {
            so += (srcStart.isEmpty ? 0 : srcStart[i]) * ss[i]
            dOff += (dstStart.isEmpty ? 0 : dstStart[i]) * ds[i]
        }
        let run = extent[rank - 1]
        let rows = extent.dropLast().reduce(1, *)
        var index = [Int](repeating: 0, count: rank - 1)
        for _ in 0..<rows {
            if add { for j in 0..<run { dst[dOff + j] += src[so + j] } }
            else { (dst + dOff).update(from: src + so, count: run) }
            var d = rank - 2
            while d >= 0 {
                index[d] += 1; so += ss[d]; dOff += ds[d]
                if index[d] < extent[d] { break }
                so -= ss[d] * extent[d]; dOff -= ds[d] * extent[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}
