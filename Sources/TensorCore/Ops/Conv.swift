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

/// General convolution: unfold every window into a row of a column matrix laid out [group][tap][channel],
/// so each group is one sgemm on a strided view of it.
enum Im2colConv {
    static func forward(_ geo: ConvGeometry, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ out: Tensor) -> Tensor {
        let rows = geo.n * geo.hout * geo.wout, taps = geo.kh * geo.kw, cg = geo.cinG, width = taps * geo.cin
        let col = Tensor(uninitialized: [rows, width])
        let src = xp.pointer, dst = col.pointer
        // With no groups and no horizontal dilation, a window row's kw taps are kw·cin contiguous values in the
        // input and in the column row: one copy instead of kw (for a one-channel image, instead of kw single floats).
        let run = geo.groups == 1 && geo.dw == 1 ? geo.kw : 1
        let perSample = geo.hout * geo.wout
        // Samples fill disjoint rows: split over them (a copy, so the split changes no value).
        WorkerPool.forRanges(geo.n, minimum: rows * width >= 1 << 16 ? 2 : Int.max, align: 1) { samples in
            var r = samples.lowerBound * perSample
            for s in samples {
                for i in 0..<geo.hout {
                    for j in 0..<geo.wout {
                        let row = dst + r * width
                        for a in 0..<geo.kh {
                            let y = i * geo.sh + a * geo.dh
                            for b in stride(from: 0, to: geo.kw, by: run) {
                                let pos = src + ((s * geo.hp + y) * geo.wp + j * geo.sw + b * geo.dw) * geo.cin
                                let tap = a * geo.kw + b
                                if geo.groups == 1 {
                                    (row + tap * cg).update(from: pos, count: cg * run)
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
        // col2im: every window adds its gradient back to the input positions it read. Contiguous tap runs as in
        // `forward`; each input value still receives its additions in the same (window, tap) order, so the same bits.
        let gxp = Tensor.zeros([geo.n, geo.hp, geo.wp, geo.cin])
        let src = gcol.pointer, dst = gxp.pointer
        let run = geo.groups == 1 && geo.dw == 1 ? geo.kw : 1, span = run * cg
        let perSample = geo.hout * geo.wout
        // A sample's windows write only that sample's input: the split over samples changes no sum.
        WorkerPool.forRanges(geo.n, minimum: rows * width >= 1 << 16 ? 2 : Int.max, align: 1) { samples in
            var r = samples.lowerBound * perSample
            for s in samples {
                for i in 0..<geo.hout {
                    for j in 0..<geo.wout {
                        let row = src + r * width
                        for a in 0..<geo.kh {
                            let y = i * geo.sh + a * geo.dh
                            for b in stride(from: 0, to: geo.kw, by: run) {
                                let pos = dst + ((s * geo.hp + y) * geo.wp + j * geo.sw + b * geo.dw) * geo.cin
                                let tap = a * geo.kw + b
                                if geo.groups == 1 {
                                    let from = row + tap * cg
                                    for c in 0..<span { pos[c] += from[c] }
                                } else {
                                    for grp in 0..<geo.groups {
                                        let from = row + grp * taps * cg + tap * cg, to = pos + grp * cg
                                        for c in 0..<cg { to[c] += from[c] }
                                    }
                                }
                            }
                        }
                        r += 1
                    }
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
