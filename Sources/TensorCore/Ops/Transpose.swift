import COpenBLAS

/// Axis permutations: a general strided gather, with fast paths for swapping the last two axes (blocked by
/// OpenBLAS's omatcopy) and for permutations that keep the last axis (contiguous row copies).

extension Tensor {
    /// The tensor with its axes reordered: result axis i is input axis `perm[i]`.
    public func permuted(_ perm: [Int]) -> Tensor {
        precondition(perm.count == rank && perm.sorted() == Array(0..<rank),
                     "permute: \(perm) is not a permutation of the \(rank) axes of \(shape)")
        if perm == Array(0..<rank) { return reshaped(shape) }
        let out = Tensor(uninitialized: perm.map { shape[$0] })
        Tensor.permute(pointer, shape, perm, out.pointer)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        let outShape = out.shape
        return out.record([self]) { [unowned self] g in
            let gi = Tensor(uninitialized: self.shape)
            Tensor.permute(g.pointer, outShape, inverse, gi.pointer)
            self.accumulate(gi)
        }
    }

    /// The last two axes swapped (a matrix transpose, batched over any leading axes).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transposed needs rank >= 2, shape is \(shape)")
        var perm = Array(0..<rank)
        perm.swapAt(rank - 1, rank - 2)
        return permuted(perm)
    }

    static func permute(_ src: UnsafeMutablePointer<Float>, _ shape: [Int], _ perm: [Int],
                        _ dst: UnsafeMutablePointer<Float>) {
        let rank = shape.count
        let total = shape.reduce(1, *)
        guard total > 0 else { return }
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
        let outShape = perm.map { shape[$0] }
        let leadingKept = perm.dropLast(2) == Array(0..<(rank - 2))[...]
        if leadingKept && perm[rank - 1] == rank - 2 {
            // Batched matrix transpose.
            let r = shape[rank - 2], c = shape[rank - 1], batch = total / (r * c)
            for b in 0..<batch {
                cblas_somatcopy(CblasRowMajor, CblasTrans, Int32(r), Int32(c), 1,
                                src + b * r * c, Int32(c), dst + b * r * c, Int32(r))
            }
            return
        }
        let gather = perm.map { inStrides[$0] }
        Broadcast.forEachRun(outShape, gather, gather) { o, i, _, n, step, _ in
            if step == 1 { (dst + o).update(from: src + i, count: n) }
            else { for j in 0..<n { dst[o + j] = src[i + j * step] } }
        }
    }
}
