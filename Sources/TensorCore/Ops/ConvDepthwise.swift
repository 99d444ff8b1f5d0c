/// Depthwise convolution (groups == Cin) as direct loops: one sgemm per channel would be Cin calls of width
/// `multiplier`, far slower than streaming each window once over contiguous channels.
enum DepthwiseConv {
    /// Calls `body(outRow, inPosition, tap)` for every output position and kernel tap, on the padded input.
    @inline(__always)
    static func forEachTap(_ geo: ConvGeometry, _ body: (_ o: Int, _ i: Int, _ tap: Int) -> Void) {
        var o = 0
        for s in 0..<geo.n {
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
        forEachTap(geo) { o, i, tap in
            let yr = y + o * cout, xr = x + i * cin, wr = w + tap * cout
            if mult == 1 {
                for c in 0..<cin { yr[c] += xr[c] * wr[c] }
            } else {
                for c in 0..<cout { yr[c] += xr[c / mult] * wr[c] }
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
            forEachTap(geo) { o, i, tap in
                let gr = gp + o * cout, xr = xv + i * cin, dr = d + tap * cout
                for c in 0..<cout { dr[c] += xr[c / mult] * gr[c] }
            }
            kernel.accumulate(gk)
        }
        ConvBias.gradient(bias, g, channels: cout)
        guard x.requiresGrad else { return }
        let gxp = Tensor.zeros([geo.n, geo.hp, geo.wp, cin])
        let d = gxp.pointer
        forEachTap(geo) { o, i, tap in
            let gr = gp + o * cout, dr = d + i * cin, wr = w + tap * cout
            for c in 0..<cout { dr[c / mult] += gr[c] * wr[c] }
        }
        x.accumulate(geo.unpad(gxp, channels: cin).reshapedLeafIfNeeded(x.shape))
    }
}
