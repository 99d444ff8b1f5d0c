// `soundlab-bench tensor`: how close the baseline model's conv and dense layers (forward + backward, batch 32)
// come to the sgemm ceiling of this machine's OpenBLAS.
import COpenBLAS
import Foundation
import TensorCore

enum TensorBench {
    static func run() {
        let core = openblas_get_corename().map { String(cString: $0) } ?? "?"
        print("openblas core \(core), threads \(openblas_get_num_threads()), OPENBLAS_CORETYPE=\(env("OPENBLAS_CORETYPE")), OPENBLAS_L2_SIZE=\(env("OPENBLAS_L2_SIZE"))")
        let square = gemmRate([(false, false, 1024, 1024, 1024)])
        print(String(format: "sgemm 1024^3: %.1f GFLOP/s (machine peak reference)", square))
        print("layer                              ceiling GFLOP/s   layer GFLOP/s   ratio   ratio to 1024^3")
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
        let ceiling = gemmRate(shapes)
        let flops = Double(shapes.count) * 2 * Double(m * cout * kk)
        var rng = RNG(seed: 1)
        let x = Tensor(shape: [n, l, cin], data: (0..<(n * l * cin)).map { _ in rng.uniform(-1, 1) }, requiresGrad: inputGrad)
        let w = Tensor(shape: [k, cin, cout], data: (0..<(k * cin * cout)).map { _ in rng.uniform(-0.1, 0.1) }, requiresGrad: true)
        let b = Tensor.zeros([cout], requiresGrad: true)
        var rows: [String] = []
        for alg in [ConvAlgorithm.shifted, .im2col] {
            let seconds = time {
                let y = conv1d(x, w, bias: b, algorithm: alg)
                y.backward(seed: Tensor(shape: y.shape, repeating: 0.01))
                w.zeroGrad(); b.zeroGrad(); x.zeroGrad()
            }
            let rate = flops / seconds / 1e9
            rows.append(pad(name, 28) + " [" + pad("\(alg)", 7) + "]" + numbers(ceiling, rate, peak))
        }
        rows.forEach { print($0) }
    }

    private static func report(dense name: String, n: Int, din: Int, dout: Int, peak: Double) {
        let shapes = [(false, false, n, dout, din), (true, false, din, dout, n), (false, true, n, din, dout)]
        let ceiling = gemmRate(shapes)
        let flops = 3 * 2 * Double(n * din * dout)
        var rng = RNG(seed: 2)
        let x = Tensor(shape: [n, din], data: (0..<(n * din)).map { _ in rng.uniform(-1, 1) }, requiresGrad: true)
        let w = Tensor(shape: [din, dout], data: (0..<(din * dout)).map { _ in rng.uniform(-0.1, 0.1) }, requiresGrad: true)
        let b = Tensor.zeros([dout], requiresGrad: true)
        let seconds = time {
            let y = matmul(x, w) + b
            y.backward(seed: Tensor(shape: y.shape, repeating: 0.01))
            w.zeroGrad(); b.zeroGrad(); x.zeroGrad()
        }
        let rate = flops / seconds / 1e9
        print(pad(name, 28) + " [matmul ]" + numbers(ceiling, rate, peak))
    }

    /// GFLOP/s of running these row-major sgemms (transA, transB, m, n, k) back to back on contiguous buffers.
    private static func gemmRate(_ shapes: [(Bool, Bool, Int, Int, Int)]) -> Double {
        let bufs = shapes.map { s -> ([Float], [Float], [Float]) in
            ([Float](repeating: 0.5, count: s.2 * s.4), [Float](repeating: 0.25, count: s.4 * s.3), [Float](repeating: 0, count: s.2 * s.3))
        }
        var cs = bufs.map(\.2)
        let flops = shapes.reduce(0.0) { $0 + 2 * Double($1.2 * $1.3 * $1.4) }
        let seconds = time {
            for (i, s) in shapes.enumerated() {
                let (ta, tb, m, n, k) = s
                bufs[i].0.withUnsafeBufferPointer { a in
                    bufs[i].1.withUnsafeBufferPointer { b in
                        cs[i].withUnsafeMutableBufferPointer { c in
                            cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                                        Int32(m), Int32(n), Int32(k), 1, a.baseAddress, Int32(ta ? m : k), b.baseAddress,
                                        Int32(tb ? k : n), 0, c.baseAddress, Int32(n))
                        }
                    }
                }
            }
        }
        return flops / seconds / 1e9
    }

    /// Median wall time of `body` over enough repetitions (after two warm-up runs).
    private static func time(_ body: () -> Void) -> Double {
        body(); body()
        var samples: [Double] = []
        let start = Date()
        while samples.count < 5 || (samples.count < 50 && Date().timeIntervalSince(start) < 1.5) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return samples.sorted()[samples.count / 2]
    }

    private static func numbers(_ ceiling: Double, _ rate: Double, _ peak: Double) -> String {
        String(format: "  %8.1f        %8.1f      %5.2f   %5.2f", ceiling, rate, rate / ceiling, rate / peak)
    }

    private static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
}
