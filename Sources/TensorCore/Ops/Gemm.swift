import COpenBLAS

/// Row-major C = alpha·op(A)·op(B) + beta·C with explicit leading dimensions, so strided views
/// (overlapping windows, one head or one group of channels) go to BLAS without copies.
/// Large products are cut into `WorkerPool.width` blocks of rows of C (or of columns when C has fewer rows than
/// columns), each one single-threaded sgemm; the cut depends only on the shape, so results never depend on timing.
@inline(__always)
func gemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
          _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
          _ c: UnsafeMutablePointer<Float>, _ ldc: Int, beta: Float = 0, alpha: Float = 1) {
    if m == 0 || n == 0 || k == 0 { return Gemm.serial(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta: beta, alpha: alpha) }
    // Reading the width first also makes sure the pool has set OpenBLAS to one thread before any sgemm.
    let width = WorkerPool.width
    let parts = m * n * k >= Gemm.parallelWork ? width : 1
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
        // Every sgemm, serial ones included, must run after the pool has set OpenBLAS to one thread: a threaded
        // sgemm rounds differently, so a process whose first sgemm was serial (a resumed run) drifted from an
        // uninterrupted one in the last digits.
        BLASThreads.ensureSingle()
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// Makes OpenBLAS single-threaded once per process, before the first BLAS call of any kind.
enum BLASThreads {
    private static let single: Void = { _ = WorkerPool.width }()
    @inline(__always) static func ensureSingle() { _ = single }
}
