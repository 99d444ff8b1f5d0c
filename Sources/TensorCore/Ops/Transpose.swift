import COpenBLAS

/// Axis permutations: axes are first coalesced (size-1 dropped, runs that stay together merged), then a batched
/// matrix transpose goes to OpenBLAS's blocked omatcopy; anything else is a strided gather (row copies when the
/// last axis stays last).

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

    static func permute(_ src: UnsafeMutablePointer<Float>, _ fullShape: [Int], _ fullPerm: [Int],
                        _ dst: UnsafeMutablePointer<Float>) {
        guard fullShape.reduce(1, *) > 0 else { return }
        let (shape, perm) = coalesced(fullShape, fullPerm)
        let rank = shape.count, total = shape.reduce(1, *)
        if perm == Array(0..<rank) { dst.update(from: src, count: total); return }
        if perm.dropLast(2).elementsEqual(0..<(rank - 2)) {
            // Batched matrix transpose (what most permutations coalesce to).
            let r = shape[rank - 2], c = shape[rank - 1], batch = total / (r * c)
            for b in 0..<batch {
                BLAS.shared.somatcopy(Int32(SL_CBLAS_ROW_MAJOR), Int32(SL_CBLAS_TRANS), Int32(r), Int32(c), 1,
                                src + b * r * c, Int32(c), dst + b * r * c, Int32(r))
            }
            return
        }
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
        let gather = perm.map { inStrides[$0] }
        Broadcast.forEachRun(perm.map { shape[$0] }, gather, gather) { o, i, _, n, step, _ in
            if step == 1 { (dst + o).update(from: src + i, count: n) }
            else { for j in 0..<n { dst[o + j] = src[i + j * step] } }
        }
    }

    /// The same permutation on fewer axes: size-1 axes dropped, and input axes that stay adjacent and in order
    /// merged (e.g. [0, 2, 3, 1] on [N, C, H, W] is [0, 2, 1] on [N, C, H·W], a batched transpose).
    static func coalesced(_ shape: [Int], _ perm: [Int]) -> (shape: [Int], perm: [Int]) {
        var remap = [Int](repeating: -1, count: shape.count)
        var kept: [Int] = []
        for (i, d) in shape.enumerated() where d != 1 { remap[i] = kept.count; kept.append(d) }
        let p = perm.compactMap { remap[$0] < 0 ? nil : remap[$0] }
        // Runs of consecutive input axes in output order.
        var groups: [[Int]] = []
        for a in p {
            if let last = groups.last?.last, last + 1 == a { groups[groups.count - 1].append(a) } else { groups.append([a]) }
        }
        let byInput = groups.indices.sorted { groups[$0][0] < groups[$1][0] }
        var newAxis = [Int](repeating: 0, count: groups.count)
        for (axis, g) in byInput.enumerated() { newAxis[g] = axis }
        let newShape = byInput.map { groups[$0].reduce(1) { $0 * kept[$1] } }
        return (newShape, groups.indices.map { newAxis[$0] })
    }
}
