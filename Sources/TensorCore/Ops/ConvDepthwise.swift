/// Depthwise convolution (groups == Cin) as direct loops: one sgemm per channel would be Cin calls of width
/// `multiplier`, far slower than streaming each window once over contiguous channels.
enum DepthwiseConv {
    /// Calls `body(outRow, inPosition, tap)` for every output position of `samples` (all by default) and kernel
    /// tap, on the padded input.
    @inline(__always)
    static func forEachTap(_ geo: ConvGeometry, samples: Range<Int>? = nil, _ body: (_ o: Int, _ i: Int, _ tap: Int) -> Void) {
        let samples = samples ?? 0..<geo.n
        var o = samples.lowerBound * geo.hout * geo.wout
        for s in samples {
            for i in 0..<geo.hout {
                for j in 0..<geo.wout {
                    for a in 0..<geo.kh {
                        let rowBase = (s * geo.hp + i * geo.sh + a * geo.dh) * geo.wp + j * geo.sw
                        for b in 0..<geo.kw { body(o, rowBase + b * geo.dw, a * geo.kw + b) }
                    }
                    o += 1
                }
            }
        }
    }

    static func forward(_ geo: ConvGeometry, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ out: Tensor) {
        let cin = geo.cin, cout = geo.cout, mult = cout / cin
        let x = xp.pointer, w = kernel.pointer, y = out.pointer
        y.update(repeating: 0, count: out.count)
        // A sample's outputs depend on its input only: split over samples, every sum in its order.
        WorkerPool.forRanges(geo.n, minimum: out.count >= 1 << 16 ? 2 : Int.max, align: 1) { samples in
            forEachTap(geo, samples: samples) { o, i, tap in
                let yr = y + o * cout, xr = x + i * cin, wr = w + tap * cout
                if mult == 1 {
                    for c in 0..<cin { yr[c] += xr[c] * wr[c] }
                } else {
                    for c in 0..<cout { yr[c] += xr[c / mult] * wr[c] }
                }
            }
        }
        ConvBias.add(bias, y, rows: out.count / cout, channels: cout)
    }

    static func backward(_ geo: ConvGeometry, _ x: Tensor, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ g: Tensor) {
        let cin = geo.cin, cout = geo.cout, mult = cout / cin
        let gp = g.pointer, xv = xp.pointer, w = kernel.pointer
        if kernel.requiresGrad {
            let gk = Tensor.zeros(kernel.shape)
            let d = gk.pointer
            // One pass in output order (the kernel's sums are over every sample, so not split). Without a
            // multiplier the index needs no division, and the loop vectorises.
            forEachTap(geo) { o, i, tap in
                let gr = gp + o * cout, xr = xv + i * cin, dr = d + tap * cout
                if mult == 1 {
                    for c in 0..<cout { dr[c] += xr[c] * gr[c] }
                } else {
                    for c in 0..<cout { dr[c] += xr[c / mult] * gr[c] }
                }
            }
            kernel.accumulate(gk)
        }
        ConvBias.gradient(bias, g, channels: cout)
        guard x.requiresGrad else { return }
        let gxp = Tensor.zeros([geo.n, geo.hp, geo.wp, cin])
        let d = gxp.pointer
        // A sample's windows write only its own input gradient: split over samples, every sum in its order.
        WorkerPool.forRanges(geo.n, minimum: g.count >= 1 << 16 ? 2 : Int.max, align: 1) { samples in
            forEachTap(geo, samples: samples) { o, i, tap in
                let gr = gp + o * cout, dr = d + i * cin, wr = w + tap * cout
                if mult == 1 {
                    for c in 0..<cout { dr[c] += gr[c] * wr[c] }
                } else {
                    for c in 0..<cout { dr[c / mult] += gr[c] * wr[c] }
                }
            }
        }
        x.accumulate(geo.unpad(gxp, channels: cin).reshapedLeafIfNeeded(x.shape))
    }
}
