/// NumPy broadcasting: shapes aligned on the right, a dimension of 1 stretches. `shape` and `strides` are public
/// for ModelFormats, whose integer and complex values broadcast the same way.
public enum Broadcast {
    /// The broadcast shape of `a` and `b`, or nil when they are incompatible.
    public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else { return nil }
            // A 1 stretches to the other size, 0 included: 1 against 0 is 0, not 1 (max would read past an empty side).
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// Element strides of `shape` viewed in `outShape`'s rank, 0 along broadcast dimensions.
    public static func strides(of shape: [Int], in outShape: [Int]) -> [Int] {
        let rank = outShape.count, offset = rank - shape.count
        var strides = [Int](repeating: 0, count: rank)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 ? 0 : s
            s *= shape[i]
        }
        return strides
    }

    /// Calls `body(outIndex, aIndex, bIndex, runLength, aStep, bStep)` for each contiguous run of the last axis.
    @inline(__always)
    public static func forEachRun(_ outShape: [Int], _ sa: [Int], _ sb: [Int],
                           _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let rank = outShape.count
        if rank == 0 { body(0, 0, 0, 1, 0, 0); return }
        let inner = outShape[rank - 1]
        let outer = outShape.dropLast().reduce(1, *)
        if inner == 0 || outer == 0 { return }
        var index = [Int](repeating: 0, count: max(rank - 1, 0))
        var ia = 0, ib = 0
        for run in 0..<outer {
            body(run * inner, ia, ib, inner, sa[rank - 1], sb[rank - 1])
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
}

extension Tensor {
    /// Sums this gradient down to `target`, undoing a broadcast from `target` to `self.shape`.
    func reduced(to target: [Int]) -> Tensor {
        if target == shape { return self }
        let out = Tensor.zeros(target)
        let st = Broadcast.strides(of: target, in: shape)
        let src = pointer, dst = out.pointer
        Broadcast.forEachRun(shape, st, st) { o, t, _, n, step, _ in
            if step == 0 {
                var acc: Float = 0
                for j in 0..<n { acc += src[o + j] }
                dst[t] += acc
            } else {
                for j in 0..<n { dst[t + j * step] += src[o + j] }
            }
        }
        return out
    }
}
