/// Channels-last convolutions (Keras layouts): conv1d and conv2d with stride, padding, dilation and groups.

/// Which lowering a convolution uses; `.auto` picks the faster one for the shape.
public enum ConvAlgorithm: Sendable {
    /// Shifted sgemms on the input itself when possible (stride 1, no groups), else im2col.
    case auto
    /// One sgemm per kernel tap on the flattened input; needs stride 1 and groups 1.
    case shifted
    /// Unfold windows into a column matrix, then one sgemm per group.
    case im2col
    /// Direct loops over each window; needs groups == Cin (depthwise).
    case depthwise
}

/// 1-D convolution: `x` [N, L, Cin], `kernel` [K, Cin/groups, Cout], optional `bias` [Cout] → [N, Lout, Cout].
/// `relu` gives exactly `conv1d(...).relu()`, fused into the convolution's own passes where the algorithm allows.
public func conv1d(_ x: Tensor, _ kernel: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Padding = .valid,
                   dilation: Int = 1, groups: Int = 1, algorithm: ConvAlgorithm = .auto, relu: Bool = false) -> Tensor {
    precondition(x.rank == 3 && kernel.rank == 3, "conv1d: input \(x.shape) must be [N,L,C], kernel \(kernel.shape) [K,Cin/groups,Cout]")
    let x4 = [x.shape[0], 1, x.shape[1], x.shape[2]], k4 = [1] + kernel.shape
    let geo = makeGeometry(x4, k4, bias: bias, strides: (1, stride), padding: (.valid, padding), dilation: (1, dilation),
                           groups: groups, op: "conv1d")
    return convolve(x, kernel, bias, geo, algorithm, outShape: [geo.n, geo.wout, geo.cout], relu: relu)
}

/// 2-D convolution: `x` [N, H, W, Cin], `kernel` [KH, KW, Cin/groups, Cout], optional `bias` [Cout] → [N, Hout, Wout, Cout].
/// Depthwise is `groups == Cin` with Cout = Cin · multiplier.
public func conv2d(_ x: Tensor, _ kernel: Tensor, bias: Tensor? = nil, strides: (Int, Int) = (1, 1),
                   padding: (Padding, Padding) = (.valid, .valid), dilation: (Int, Int) = (1, 1), groups: Int = 1,
                   algorithm: ConvAlgorithm = .auto) -> Tensor {
    precondition(x.rank == 4 && kernel.rank == 4, "conv2d: input \(x.shape) must be [N,H,W,C], kernel \(kernel.shape) [KH,KW,Cin/groups,Cout]")
    let geo = makeGeometry(x.shape, kernel.shape, bias: bias, strides: strides, padding: padding, dilation: dilation,
                           groups: groups, op: "conv2d")
    return convolve(x, kernel, bias, geo, algorithm, outShape: [geo.n, geo.hout, geo.wout, geo.cout])
}

private func makeGeometry(_ xs: [Int], _ ks: [Int], bias: Tensor?, strides: (Int, Int), padding: (Padding, Padding),
                          dilation: (Int, Int), groups: Int, op: String) -> ConvGeometry {
    let cin = xs[3], cout = ks[3]
    precondition(groups >= 1 && cin % groups == 0 && cout % groups == 0,
                 "\(op): groups \(groups) must divide input channels \(cin) and output channels \(cout)")
    precondition(ks[2] == cin / groups, "\(op): kernel \(ks) expects \(ks[2]) input channels per group, input has \(cin) in \(groups) group(s)")
    precondition(strides.0 >= 1 && strides.1 >= 1 && dilation.0 >= 1 && dilation.1 >= 1, "\(op): strides and dilation must be >= 1")
    precondition(bias == nil || bias!.shape == [cout], "\(op): bias \(bias!.shape) must be [\(cout)]")
    let ph = padding.0.resolve(length: xs[1], window: ks[0], stride: strides.0, dilation: dilation.0)
    let pw = padding.1.resolve(length: xs[2], window: ks[1], stride: strides.1, dilation: dilation.1)
    return ConvGeometry(n: xs[0], h: xs[1], w: xs[2], cin: cin, kh: ks[0], kw: ks[1], cout: cout, groups: groups,
                        sh: strides.0, sw: strides.1, dh: dilation.0, dw: dilation.1,
                        padTop: ph.before, padBottom: ph.after, padLeft: pw.before, padRight: pw.after,
                        hout: ph.out, wout: pw.out)
}

private func convolve(_ x: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ geo: ConvGeometry, _ algorithm: ConvAlgorithm,
                      outShape: [Int], relu: Bool = false) -> Tensor {
    var chosen = algorithm
    if chosen == .auto {
        chosen = geo.usesShiftedGemm ? .shifted : (geo.groups == geo.cin && geo.groups > 1 ? .depthwise : .im2col)
    }
    if relu && chosen != .shifted { return convolve(x, kernel, bias, geo, chosen, outShape: outShape).relu() }
    precondition(chosen != .shifted || geo.usesShiftedGemm, "conv: the shifted algorithm needs stride 1 and groups 1")
    precondition(chosen != .depthwise || geo.groups == geo.cin, "conv: the depthwise algorithm needs groups == input channels")
    let out = Tensor(uninitialized: outShape)
    let inputs = bias.map { [x, kernel, $0] } ?? [x, kernel]
    if out.count == 0 { return out.record(inputs) { _ in } }
    let xp = geo.pad(x, channels: geo.cin)
    if chosen == .depthwise {
        DepthwiseConv.forward(geo, xp, kernel, bias, out)
        return out.record(inputs) { g in
            DepthwiseConv.backward(geo, x, xp, kernel, bias, g)
        }
    } else if chosen == .shifted {
        ShiftedConv.forward(geo, xp, kernel, bias, out, relu: relu)
        // `out` is unowned: it owns this closure through its node (the ReLU mask is read from it).
        return out.record(inputs) { [unowned out] g in
            ShiftedConv.backward(geo, x, xp, kernel, bias, g, reluOutput: relu ? out : nil)
        }
    } else {
        let col = Im2colConv.forward(geo, xp, kernel, bias, out)
        return out.record(inputs) { g in
            Im2colConv.backward(geo, x, col, kernel, bias, g)
        }
    }
}

/// Adds `bias` to every row of `y` [rows, C] and its gradient is the column sums of `g`.
enum ConvBias {
    static func add(_ bias: Tensor?, _ y: UnsafeMutablePointer<Float>, rows: Int, channels c: Int) {
        guard let bias else { return }
        let bp = bias.pointer
        for r in 0..<rows {
            let row = y + r * c
            for j in 0..<c { row[j] += bp[j] }
        }
    }

    /// Row ranges the shifted convolution's bias gradient is summed in (fixed, so its rounding never depends on
    /// the machine).
    static let gradientParts = 2

    static func gradient(_ bias: Tensor?, _ g: Tensor, channels c: Int) {
        guard let bias, bias.requiresGrad else { return }
        let gb = Tensor.zeros([c])
        let dst = gb.pointer, src = g.pointer, rows = g.count / c
        // Split by channel, so each column sum keeps its order.
        WorkerPool.forRanges(c, minimum: g.count >= 1 << 16 ? 2 : Int.max, align: 4) { ch in
            for r in 0..<rows {
                let row = src + r * c
                for j in ch { dst[j] += row[j] }
            }
        }
        bias.accumulate(gb)
    }
}

/// Stride-1 convolution as Σ over taps of X[shifted]·W_tap on the flattened padded input [N·Hp·Wp, Cin].
/// Output rows whose window straddles a row or sample boundary are computed and dropped: cheaper than unfolding.
enum ShiftedConv {
    /// Offset, in input positions, of tap (a, b).
    static func offset(_ geo: ConvGeometry, _ a: Int, _ b: Int) -> Int { a * geo.dh * geo.wp + b * geo.dw }

    /// Rows of the full output: every position whose largest tap still lies inside the buffer.
    static func fullRows(_ geo: ConvGeometry) -> Int { geo.n * geo.hp * geo.wp - offset(geo, geo.kh - 1, geo.kw - 1) }

    /// Floats of a per-block product (forward Z, weight-gradient G) kept to about 256 KB so it stays in L2.
    static let blockFloats = 1 << 16

    /// Rows per block for products `wide` floats wide: at most 1024, at least 4 spans of taps.
    static func blockRows(wide: Int, span: Int) -> Int { Swift.max(Swift.min(1024, blockFloats / Swift.max(wide, 1)), 4 * span, 16) }

    /// Offsets of every tap, tap-major.
    static func offsets(_ geo: ConvGeometry) -> [Int] {
        (0..<(geo.kh * geo.kw)).map { offset(geo, $0 / geo.kw, $0 % geo.kw) }
    }

    /// The kernel [taps][cin][cout] with its taps side by side, [cin][taps·cout]: one sgemm then serves every tap,
    /// so OpenBLAS packs each input row once instead of once per tap.
    static func tapsSideBySide(_ kernel: Tensor, taps: Int, cin: Int, cout: Int) -> Tensor {
        let wide = taps * cout, wcat = Tensor(uninitialized: [cin, wide])
        let src = kernel.pointer, dst = wcat.pointer
        for tap in 0..<taps {
            for ci in 0..<cin { (dst + ci * wide + tap * cout).update(from: src + (tap * cin + ci) * cout, count: cout) }
        }
        return wcat
    }

    /// Z = X·[W₀ … W_T] on blocks of rows, then out[r] = Σ_tap Z[r + offset(tap), tap] + bias for the valid rows.
    static func forward(_ geo: ConvGeometry, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ out: Tensor, relu: Bool) {
        let rows = fullRows(geo), cin = geo.cin, cout = geo.cout, taps = geo.kh * geo.kw, wide = taps * cout
        let offs = offsets(geo), span = offs.last ?? 0
        let wcat = tapsSideBySide(kernel, taps: taps, cin: cin, cout: cout)
        let xptr = xp.pointer, wptr = wcat.pointer, dst = out.pointer, bp = bias?.pointer
        let plane = geo.hp * geo.wp, block = blockRows(wide: wide, span: span)
        let blocks = (rows + block - 1) / block
        let parallel = rows * cin * wide >= Gemm.parallelWork
        WorkerPool.forRanges(blocks, minimum: parallel ? 2 : Int.max, align: 1) { range in
            let z = Tensor(uninitialized: [block + span, wide])
            let zp = z.pointer
            for blk in range {
                let r0 = blk * block, m = Swift.min(block, rows - r0)
                Gemm.serial(false, false, m + span, wide, cin, xptr + r0 * cin, cin, wptr, wide, zp, wide)
                for r in 0..<m {
                    let full = r0 + r, s = full / plane, rem = full % plane, i = rem / geo.wp, j = rem % geo.wp
                    guard i < geo.hout && j < geo.wout else { continue }
                    let o = dst + ((s * geo.hout + i) * geo.wout + j) * cout
                    let z0 = zp + r * wide
                    for c in 0..<cout { o[c] = z0[c] }
                    for tap in 1..<Swift.max(taps, 1) {
                        let zt = zp + (r + offs[tap]) * wide + tap * cout
                        for c in 0..<cout { o[c] += zt[c] }
                    }
                    if let bp { for c in 0..<cout { o[c] += bp[c] } }
                    if relu { for c in 0..<cout { o[c] = o[c] > 0 ? o[c] : 0 } }
                }
            }
        }
    }

    /// Parts the weight gradient's sum over rows is cut into (fixed, so its rounding never depends on the machine).
    static let weightGradientParts = 2

    /// `reluOutput`, when the forward fused a ReLU, is its output: the gradient passes where it is positive.
    static func backward(_ geo: ConvGeometry, _ x: Tensor, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ g: Tensor,
                         reluOutput: Tensor? = nil) {
        let rows = fullRows(geo), cin = geo.cin, cout = geo.cout, plane = geo.hp * geo.wp
        // The output gradient spread back over the full rows, zero on the dropped ones (and masked by the ReLU).
        let gf = Tensor(uninitialized: [rows, cout])
        let gfp = gf.pointer
        let gp = g.pointer, yp = reluOutput?.pointer
        // The bias gradient (column sums of the spread gradient) is summed in the same pass: each of a fixed number
        // of row ranges keeps its own sums, added in order afterwards, so the result never depends on the machine.
        let biasParts = ConvBias.gradientParts
        let partial = bias?.requiresGrad == true ? Tensor(uninitialized: [biasParts, cout]) : nil
        let sp = partial?.pointer
        WorkerPool.run(parts: gf.count >= 1 << 16 ? biasParts : 1) { part in
            let parts = gf.count >= 1 << 16 ? biasParts : 1
            let range = WorkerPool.splitRange(rows, parts: parts, part: part, align: 1)
            let acc = sp.map { $0 + part * cout }
            acc?.update(repeating: 0, count: cout)
            for r in range {
                let s = r / plane, rem = r % plane, i = rem / geo.wp, j = rem % geo.wp
                let d = gfp + r * cout
                if i < geo.hout && j < geo.wout {
                    let at = ((s * geo.hout + i) * geo.wout + j) * cout
                    if let yp {
                        // As ReLU's backward: times 1 or 0, so every load is unconditional and the loop vectorises.
                        for c in 0..<cout { d[c] = gp[at + c] * (yp[at + c] > 0 ? 1 : 0) }
                    } else {
                        d.update(from: gp + at, count: cout)
                    }
                    if let acc { for c in 0..<cout { acc[c] += d[c] } }
                } else {
                    d.update(repeating: 0, count: cout)
                }
            }
            if parts == 1, let sp { for p in 1..<biasParts { (sp + p * cout).update(repeating: 0, count: cout) } }
        }
        if let bias, let partial {
            let gb = Tensor(uninitialized: [cout])
            let dst = gb.pointer, src = partial.pointer
            for c in 0..<cout {
                var total = src[c]
                for p in 1..<biasParts { total += src[p * cout + c] }
                dst[c] = total
            }
            bias.accumulate(gb)
        }
        if kernel.requiresGrad {
            // gk[tap] = Σ_r X[r + off(tap)]ᵀ·gf[r] = Σ_s X[s]ᵀ·G[s, tap] with G[s, tap] = gf[s − off(tap)]:
            // one sgemm over the input rows for all taps (the input is packed once). G is built one cache-sized
            // block of rows at a time and multiplied at once, each block adding into its part's sum (beta 1); the
            // rows are split into fixed halves whose partial sums are added in order.
            let taps = geo.kh * geo.kw, wide = taps * cout, offs = offsets(geo), all = geo.n * plane
            let parts = all * cin * wide >= Gemm.parallelWork ? weightGradientParts : 1
            let block = blockRows(wide: wide, span: 0)
            let partial = Tensor(uninitialized: [parts, cin, wide])
            let pp = partial.pointer, xptr = xp.pointer
            WorkerPool.run(parts: parts) { p in
                let r = WorkerPool.splitRange(all, parts: parts, part: p, align: 16)
                let gw = Tensor(uninitialized: [block, wide])
                let gwp = gw.pointer
                var b0 = r.lowerBound
                while b0 < r.upperBound {
                    let b1 = Swift.min(b0 + block, r.upperBound)
                    for s in b0..<b1 {
                        for tap in 0..<taps {
                            let d = gwp + (s - b0) * wide + tap * cout, from = s - offs[tap]
                            if from >= 0 && from < rows { d.update(from: gfp + from * cout, count: cout) }
                            else { d.update(repeating: 0, count: cout) }
                        }
                    }
                    Gemm.serial(true, false, cin, wide, b1 - b0, xptr + b0 * cin, cin, gwp, wide, pp + p * cin * wide, wide,
                                beta: b0 == r.lowerBound ? 0 : 1)
                    b0 = b1
                }
                if r.isEmpty { (pp + p * cin * wide).update(repeating: 0, count: cin * wide) }
            }
            let gk = Tensor(uninitialized: kernel.shape)
            let gkp = gk.pointer
            for tap in 0..<taps {
                for ci in 0..<cin {
                    let d = gkp + (tap * cin + ci) * cout
                    let src0 = pp + ci * wide + tap * cout
                    for c in 0..<cout { d[c] = src0[c] }
                    for p in 1..<parts {
                        let srcp = src0 + p * cin * wide
                        for c in 0..<cout { d[c] += srcp[c] }
                    }
                }
            }
            kernel.accumulate(gk)
        }
        if x.requiresGrad {
            // Tap 0 (offset 0) writes rows 0..<rows with beta 0; only the rows past them need zeros before the
            // other taps add in.
            let gxp = Tensor(uninitialized: [geo.n, geo.hp, geo.wp, cin])
            (gxp.pointer + rows * cin).update(repeating: 0, count: gxp.count - rows * cin)
            for a in 0..<geo.kh {
                for b in 0..<geo.kw {
                    let tap = a * geo.kw + b
                    gemm(false, true, rows, cin, cout, gf.pointer, cout, kernel.pointer + tap * cin * cout, cout,
                         gxp.pointer + offset(geo, a, b) * cin, cin, beta: tap == 0 ? 0 : 1)
                }
            }
            x.accumulate(geo.unpad(gxp, channels: cin).reshapedLeafIfNeeded(x.shape))
        }
    }
}

/// General convolution: unfold every window into a row of a column matrix laid out [group][tap][channel],
/// so each group is one sgemm on a strided view of it.
enum Im2colConv {
    static func forward(_ geo: ConvGeometry, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ out: Tensor) -> Tensor {
        let rows = geo.n * geo.hout * geo.wout, taps = geo.kh * geo.kw, cg = geo.cinG, width = taps * geo.cin
        let col = Tensor(uninitialized: [rows, width])
        let src = xp.pointer, dst = col.pointer
        var r = 0
        for s in 0..<geo.n {
            for i in 0..<geo.hout {
                for j in 0..<geo.wout {
                    let row = dst + r * width
                    for a in 0..<geo.kh {
                        let y = i * geo.sh + a * geo.dh
                        for b in 0..<geo.kw {
                            let pos = src + ((s * geo.hp + y) * geo.wp + j * geo.sw + b * geo.dw) * geo.cin
                            let tap = a * geo.kw + b
                            if geo.groups == 1 {
                                (row + tap * cg).update(from: pos, count: cg)
                            } else {
                                for grp in 0..<geo.groups {
                                    (row + grp * taps * cg + tap * cg).update(from: pos + grp * cg, count: cg)
                                }
                            }
                        }
                    }
                    r += 1
                }
            }
        }
        let inner = taps * cg, cog = geo.coutG, cout = geo.cout
        for grp in 0..<geo.groups {
            gemm(false, false, rows, cog, inner, dst + grp * inner, width, kernel.pointer + grp * cog, cout,
                 out.pointer + grp * cog, cout)
        }
        ConvBias.add(bias, out.pointer, rows: rows, channels: cout)
        return col
    }

    static func backward(_ geo: ConvGeometry, _ x: Tensor, _ col: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ g: Tensor) {
        let rows = geo.n * geo.hout * geo.wout, taps = geo.kh * geo.kw, cg = geo.cinG, width = taps * geo.cin
        let inner = taps * cg, cog = geo.coutG, cout = geo.cout
        if kernel.requiresGrad {
            let gk = Tensor(uninitialized: kernel.shape)
            for grp in 0..<geo.groups {
                gemm(true, false, inner, cog, rows, col.pointer + grp * inner, width, g.pointer + grp * cog, cout,
                     gk.pointer + grp * cog, cout)
            }
            kernel.accumulate(gk)
        }
        ConvBias.gradient(bias, g, channels: cout)
        guard x.requiresGrad else { return }
        let gcol = Tensor(uninitialized: [rows, width])
        for grp in 0..<geo.groups {
            gemm(false, true, rows, inner, cog, g.pointer + grp * cog, cout, kernel.pointer + grp * cog, cout,
                 gcol.pointer + grp * inner, width)
        }
        // col2im: every window adds its gradient back to the input positions it read.
        let gxp = Tensor.zeros([geo.n, geo.hp, geo.wp, geo.cin])
        let src = gcol.pointer, dst = gxp.pointer
        var r = 0
        for s in 0..<geo.n {
            for i in 0..<geo.hout {
                for j in 0..<geo.wout {
                    let row = src + r * width
                    for a in 0..<geo.kh {
                        let y = i * geo.sh + a * geo.dh
                        for b in 0..<geo.kw {
                            let pos = dst + ((s * geo.hp + y) * geo.wp + j * geo.sw + b * geo.dw) * geo.cin
                            let tap = a * geo.kw + b
                            for grp in 0..<geo.groups {
                                let from = row + grp * taps * cg + tap * cg, to = pos + grp * cg
                                for c in 0..<cg { to[c] += from[c] }
                            }
                        }
                    }
                    r += 1
                }
            }
        }
        x.accumulate(geo.unpad(gxp, channels: geo.cin).reshapedLeafIfNeeded(x.shape))
    }
}

extension Tensor {
    /// This tensor with `shape` (same element count): itself when the shape already matches, else a relabelled copy.
    func reshapedLeafIfNeeded(_ shape: [Int]) -> Tensor { self.shape == shape ? self : reshapedLeaf(shape) }
}
