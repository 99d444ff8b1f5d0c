/// Row-major C = alpha·op(A)·op(B) + beta·C with explicit leading dimensions, so strided views
/// (overlapping windows, one head or one group of channels) go to BLAS without copies.
/// Large products are cut into `WorkerPool.splitParts` blocks of rows of C (or of columns when C has fewer rows
/// than columns), each one single-threaded sgemm. OpenBLAS's result for an element depends on the block it is
/// computed in, so the cut depends only on the shape: never on timing or on the machine's cores.
@inline(__always)
func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
          _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
          _ c: UnsafeMutablePointer<Float>, _ ldc: Int, beta: Float = 0, alpha: Float = 1) {
    if m == 0 || n == 0 || k == 0 { return Gemm.serial(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta: beta, alpha: alpha) }
    let parts = m * n * k >= Gemm.parallelWork ? WorkerPool.splitParts : 1
    if parts <= 1 {
        Gemm.call(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta, alpha)
    } else if m >= n {
        WorkerPool.run(parts: parts) { p in
            let r = WorkerPool.splitRange(m, parts: parts, part: p, align: 16)
            guard !r.isEmpty else { return }
            Gemm.call(transA, transB, r.count, n, k, a + (transA ? r.lowerBound : r.lowerBound * lda), lda, b, ldb,
                      c + r.lowerBound * ldc, ldc, beta, alpha)
        }
    } else {
        WorkerPool.run(parts: parts) { p in
            let r = WorkerPool.splitRange(n, parts: parts, part: p, align: 16)
            guard !r.isEmpty else { return }
            Gemm.call(transA, transB, m, r.count, k, a, lda, b + (transB ? r.lowerBound * ldb : r.lowerBound), ldb,
                      c + r.lowerBound, ldc, beta, alpha)
        }
    }
}

enum Gemm {
    /// `gemm` on the calling thread only (for callers that already split the work).
    @inline(__always)
    static func serial(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                       _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                       _ c: UnsafeMutablePointer<Float>, _ ldc: Int, beta: Float = 0, alpha: Float = 1) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        call(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta, alpha)
    }

    /// Multiply-adds below which one thread is faster than waking another (about 50 µs of work).
    static let parallelWork = 1 << 21

    @inline(__always)
    static func call(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                     _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                     _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ beta: Float, _ alpha: Float) {
        // `BLAS.shared` is loaded with one thread and its kernel pinned before the first sgemm of the process.
        BLAS.shared.sgemm(transA, transB, m, n, k, alpha: alpha, a, lda, b, ldb, beta: beta, c, ldc)
    }
}
