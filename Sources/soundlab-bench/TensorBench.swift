// `soundlab-bench tensor`: how close the baseline model's conv and dense layers (forward + backward, batch 32)
// come to the sgemm ceiling of this machine: the same products as plain sgemms, split over TensorCore's worker
// pool (OpenBLAS at one thread per part) the way TensorCore splits them.
import Foundation
import TensorCore

enum TensorBench {
    static func run() {
        let blas = BLAS.shared, core = blas.coreName
        let width = WorkerPool.width
        print("openblas core \(core) (\(blas.mode)), OpenBLAS threads \(blas.threads), worker pool width \(width), OPENBLAS_CORETYPE=\(env("OPENBLAS_CORETYPE")), OPENBLAS_L2_SIZE=\(env("OPENBLAS_L2_SIZE"))")
        let big = [(false, false, 1024, 1024, 1024)]
        let oneThread = gemmRate(big, split: false)
        blas.setThreads(width)
        let openblasThreads = gemmRate(big, split: false)
        blas.setThreads(1)
        let square = gemmRate(big, split: true)
        print(String(format: "sgemm 1024^3: %.1f GFLOP/s pool (%d x 1 thread), %.1f OpenBLAS %d threads, %.1f one thread",
                     square, width, openblasThreads, width, oneThread))
        print("layer                                   ceiling GFLOP/s   layer GFLOP/s   ratio   ratio to 1024^3")
        // conv1d 32 k3 on [32,500,128] (first layer: no input gradient), conv1d 64 k3 on [32,249,32].
        report(conv: "conv1d 32 k3 on [32,500,128]", n: 32, l: 500, cin: 128, cout: 32, k: 3, inputGrad: false, peak: square)
        report(conv: "conv1d 64 k3 on [32,249,32]", n: 32, l: 249, cin: 32, cout: 64, k: 3, inputGrad: true, peak: square)
        report(dense: "dense 7872->128 (batch 32)", n: 32, din: 7872, dout: 128, peak: square)
        report(dense: "dense 128->10 (batch 32)", n: 32, din: 128, dout: 10, peak: square)
    }

    private static func env(_ k: String) -> String { ProcessInfo.processInfo.environment[k] ?? "unset" }

    private static func report(conv name: String, n: Int, l: Int, cin: Int, cout: Int, k: Int, inputGrad: Bool, peak: Double) {
        let m = n * (l - k + 1), kk = k * cin
        // The same products on contiguous im2col-shaped buffers: forward, weight gradient, input gradient.
        var shapes = [(false, false, m, cout, kk), (true, false, kk, cout, m)]
        if inputGrad { shapes.append((false, true, m, kk, cout)) }
        let flops = Double(shapes.count) * 2 * Double(m * cout * kk)
        var rng = RNG(seed: 1)
        let x = Tensor(shape: [n, l, cin], data: (0..<(n * l * cin)).map { _ in rng.uniform(-1, 1) }, requiresGrad: inputGrad)
        let w = Tensor(shape: [k, cin, cout], data: (0..<(k * cin * cout)).map { _ in rng.uniform(-0.1, 0.1) }, requiresGrad: true)
        let b = Tensor.zeros([cout], requiresGrad: true)
        let algorithms = [ConvAlgorithm.shifted, .im2col]
        let layers = algorithms.map { alg in {
            let y = conv1d(x, w, bias: b, algorithm: alg)
            y.backward(seed: Tensor(shape: y.shape, repeating: 0.01))
            w.zeroGrad(); b.zeroGrad(); x.zeroGrad()
        } }
        let times = time([gemms(shapes, split: true)] + layers)
        let ceiling = flops / times[0] / 1e9
        for (i, alg) in algorithms.enumerated() {
            print(pad(name, 28) + " [" + pad("\(alg)", 7) + "]     " + numbers(ceiling, flops / times[i + 1] / 1e9, peak))
        }
    }

    private static func report(dense name: String, n: Int, din: Int, dout: Int, peak: Double) {
        let shapes = [(false, false, n, dout, din), (true, false, din, dout, n), (false, true, n, din, dout)]
        let flops = 3 * 2 * Double(n * din * dout)
        var rng = RNG(seed: 2)
        let x = Tensor(shape: [n, din], data: (0..<(n * din)).map { _ in rng.uniform(-1, 1) }, requiresGrad: true)
        let w = Tensor(shape: [din, dout], data: (0..<(din * dout)).map { _ in rng.uniform(-0.1, 0.1) }, requiresGrad: true)
        let b = Tensor.zeros([dout], requiresGrad: true)
        let times = time([gemms(shapes, split: true), {
            let y = matmul(x, w) + b
            y.backward(seed: Tensor(shape: y.shape, repeating: 0.01))
            w.zeroGrad(); b.zeroGrad(); x.zeroGrad()
        }])
        print(pad(name, 28) + " [matmul ]     " + numbers(flops / times[0] / 1e9, flops / times[1] / 1e9, peak))
    }

    private static func gemmRate(_ shapes: [(Bool, Bool, Int, Int, Int)], split: Bool) -> Double {
        let flops = shapes.reduce(0.0) { $0 + 2 * Double($1.2 * $1.3 * $1.4) }
        return flops / time([gemms(shapes, split: split)])[0] / 1e9
    }

    /// Runs these row-major sgemms (transA, transB, m, n, k) back to back on contiguous buffers of their own; with
    /// `split`, each is cut into `WorkerPool.width` blocks of rows (or of columns when n > m) run on the pool.
    private static func gemms(_ shapes: [(Bool, Bool, Int, Int, Int)], split: Bool) -> () -> Void {
        let bufs = shapes.map { s in
            (Tensor(shape: [s.2 * s.4], repeating: 0.5), Tensor(shape: [s.4 * s.3], repeating: 0.25), Tensor.zeros([s.2 * s.3]))
        }
        let parts = split ? WorkerPool.width : 1
        return {
            for (i, s) in shapes.enumerated() {
                let (ta, tb, m, n, k) = s
                bufs[i].0.withUnsafeBufferPointer { a in
                    bufs[i].1.withUnsafeBufferPointer { b in
                        bufs[i].2.withUnsafeMutableBufferPointer { c in
                            let a = a.baseAddress!, b = b.baseAddress!, c = c.baseAddress!
                            let lda = ta ? m : k, ldb = tb ? k : n
                            WorkerPool.run(parts: parts) { p in
                                let rows = m >= n, len = rows ? m : n
                                let lo = len * p / parts / 16 * 16, hi = p == parts - 1 ? len : len * (p + 1) / parts / 16 * 16
                                guard hi > lo else { return }
                                let ap = rows ? a + (ta ? lo : lo * lda) : a, bp = rows ? b : b + (tb ? lo * ldb : lo)
                                BLAS.shared.sgemm(ta, tb, rows ? hi - lo : m, rows ? n : hi - lo, k, ap, lda,
                                                  bp, ldb, c + (rows ? lo * n : lo), n)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Fastest wall time of each body, run round-robin after two warm-ups: the machine is shared with builds, so
    /// interleaving gives every body the same load and the minimum is the least disturbed estimate.
    private static func time(_ bodies: [() -> Void]) -> [Double] {
        for body in bodies { body(); body() }
        var best = [Double](repeating: .infinity, count: bodies.count)
        let start = Date()
        var rounds = 0
        while rounds < 5 || (rounds < 50 && Date().timeIntervalSince(start) < 4) {
            for (i, body) in bodies.enumerated() {
                let t0 = DispatchTime.now().uptimeNanoseconds
                body()
                best[i] = Swift.min(best[i], Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            }
            rounds += 1
        }
        return best
    }

    private static func numbers(_ ceiling: Double, _ rate: Double, _ peak: Double) -> String {
        String(format: "  %8.1f        %8.1f      %5.2f   %5.2f", ceiling, rate, rate / ceiling, rate / peak)
    }

    private static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
}
