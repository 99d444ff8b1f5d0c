/// Row-major C[m,n] = op(A)·op(B) (+ beta·C) on contiguous operands; split over the worker pool like `gemm`.
@inline(__always)
func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
           _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
           beta: Float = 0) {
    gemm(transA, transB, m, n, k, a, transA ? m : k, b, transB ? k : n, c, n, beta: beta)
}

/// Matrix product `op(a) · op(b)`.
/// `a` may have leading batch dimensions folded into rows when `b` is a matrix; two rank-3 tensors multiply per batch.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    precondition(a.rank >= 2 && b.rank >= 2, "matmul needs rank >= 2, got \(a.shape) and \(b.shape)")
    let batched = b.rank == 3
    precondition(b.rank <= 3 && (!batched || (a.rank == 3 && a.shape[0] == b.shape[0])),
                 "matmul: unsupported shapes \(a.shape) x \(b.shape)")
    precondition(batched || !transposeA || a.rank == 2, "matmul: transposeA needs a matrix, got \(a.shape)")
    let batch = batched ? a.shape[0] : 1
    let aRows = a.shape[a.rank - 2], aCols = a.shape[a.rank - 1]
    let bRows = b.shape[b.rank - 2], bCols = b.shape[b.rank - 1]
    let m0 = transposeA ? aCols : aRows, k = transposeA ? aRows : aCols
    let kb = transposeB ? bCols : bRows, n = transposeB ? bRows : bCols
    precondition(k == kb, "matmul: inner dimensions differ, \(a.shape) x \(b.shape) (transposeA \(transposeA), transposeB \(transposeB))")
    // Without batching, every leading dimension of `a` is just more rows.
    let m = batched ? m0 : (a.count / max(aRows * aCols, 1)) * m0
    var outShape = Array(a.shape.dropLast(2))
    outShape += [m0, n]
    let out = Tensor(uninitialized: outShape)
    let sa = m * k, sb = k * n, sc = m * n
    for i in 0..<batch {
        sgemm(transposeA, transposeB, m, n, k, a.pointer + i * sa, b.pointer + (batched ? i * sb : 0), out.pointer + i * sc)
    }
    return out.record([a, b]) { g in
        if a.requiresGrad {
            let ga = Tensor(uninitialized: a.shape)
            for i in 0..<batch {
                let gp = g.pointer + i * sc, bp = b.pointer + (batched ? i * sb : 0), dst = ga.pointer + i * sa
                if transposeA { sgemm(transposeB, true, k, m, n, bp, gp, dst) }
                else { sgemm(false, !transposeB, m, k, n, gp, bp, dst) }
            }
            a.accumulate(ga)
        }
        if b.requiresGrad {
            let gb = Tensor(uninitialized: b.shape)
            for i in 0..<batch {
                let gp = g.pointer + i * sc, ap = a.pointer + i * sa
                // Unbatched: the folded rows of every batch entry add into one gradient (beta 1 after the first).
                let dst = gb.pointer + (batched ? i * sb : 0), beta: Float = (batched || i == 0) ? 0 : 1
                if transposeB { sgemm(true, transposeA, n, k, m, gp, ap, dst, beta: beta) }
                else { sgemm(!transposeA, false, k, n, m, ap, gp, dst, beta: beta) }
            }
            b.accumulate(gb)
        }
    }
}
