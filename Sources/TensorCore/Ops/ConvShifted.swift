/// Stride-1 convolution as Σ over taps of X[shifted]·W_tap on the flattened padded input [N·Hp·Wp, Cin], with no
/// unfolded copy of the input. Output rows are computed for every input position ("full rows"); those whose window
/// straddles a row or sample boundary are dropped: cheaper than unfolding.
enum ShiftedConv {
    /// Offset, in input positions, of tap (a, b).
    static func offset(_ geo: ConvGeometry, _ a: Int, _ b: Int) -> Int { a * geo.dh * geo.wp + b * geo.dw }

    /// Rows of the full output: every position whose largest tap still lies inside the buffer.
    static func fullRows(_ geo: ConvGeometry) -> Int { geo.n * geo.hp * geo.wp - offset(geo, geo.kh - 1, geo.kw - 1) }

    /// Floats of a per-block product (forward Z, gradient blocks G) kept to about 256 KB so it stays in L2.
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

    /// Whether the forward multiplies once per tap, accumulating into a `cout`-wide block (beta 1), rather than once
    /// with the taps side by side into a `taps·cout`-wide block that an epilogue adds up. Per tap packs the input
    /// once per tap, side by side writes and re-reads `taps` times more products: narrow inputs favour the first
    /// (conv1d 64 k3 on 32 channels, about 15 % faster here), wide ones the second (32 k3 on 128 channels, ~10 %).
    static func multipliesPerTap(_ geo: ConvGeometry) -> Bool { geo.cin <= geo.cout }

    /// Output rows of blocks of full rows, then out = Σ_tap + bias (and ReLU) for the rows that are kept.
    static func forward(_ geo: ConvGeometry, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ out: Tensor, relu: Bool) {
        let rows = fullRows(geo), cin = geo.cin, cout = geo.cout, taps = geo.kh * geo.kw
        let offs = offsets(geo), span = offs.last ?? 0
        let perTap = multipliesPerTap(geo), wide = perTap ? cout : taps * cout
        // Per tap reads the kernel as it is: tap t's [cin, cout] slice starts at t·cin·cout.
        let weights = perTap ? kernel : tapsSideBySide(kernel, taps: taps, cin: cin, cout: cout)
        let xptr = xp.pointer, wptr = weights.pointer, dst = out.pointer, bp = bias?.pointer
        let block = blockRows(wide: wide, span: span)
        let blocks = (rows + block - 1) / block
        let parallel = rows * cin * taps * cout >= Gemm.parallelWork
        WorkerPool.forRanges(blocks, minimum: parallel ? 2 : Int.max, align: 1) { range in
            let z = Tensor(uninitialized: [block + span, wide])
            let zp = z.pointer
            for blk in range {
                let r0 = blk * block, m = Swift.min(block, rows - r0)
                if perTap {
                    for tap in 0..<taps {
                        Gemm.serial(false, false, m, cout, cin, xptr + (r0 + offs[tap]) * cin, cin, wptr + tap * cin * cout, cout,
                                    zp, cout, beta: tap == 0 ? 0 : 1)
                    }
                } else {
                    Gemm.serial(false, false, m + span, wide, cin, xptr + r0 * cin, cin, wptr, wide, zp, wide)
                }
                var cursor = OutputRows(geo, from: r0)
                for r in 0..<m {
                    let at = cursor.next()
                    guard at >= 0 else { continue }
                    let o = dst + at * cout, z0 = zp + r * wide
                    for c in 0..<cout { o[c] = z0[c] }
                    if !perTap {
                        for tap in 1..<Swift.max(taps, 1) {
                            let zt = zp + (r + offs[tap]) * wide + tap * cout
                            for c in 0..<cout { o[c] += zt[c] }
                        }
                    }
                    if let bp { for c in 0..<cout { o[c] += bp[c] } }
                    if relu { for c in 0..<cout { o[c] = o[c] > 0 ? o[c] : 0 } }
                }
            }
        }
    }

    /// Parts the rows of the backward are cut into (fixed, so the rounding of the weight and bias gradients' sums
    /// never depends on the machine).
    static let weightGradientParts = 2

    /// Both gradients from one block of G at a time, G[s, tap] = gy[s − offset(tap)] (zero where that row was
    /// dropped), built straight from the output gradient in an L2-sized block:
    ///   kernel: gk[tap] = Σ_s X[s]ᵀ·G[s, tap], one sgemm per block for every tap (the input packed once);
    ///   input:  gx[s] = Σ_tap G[s, tap]·W_tapᵀ = G[s]·[W₀ … W_T]ᵀ, one sgemm per block writing its rows once.
    /// No full-size spread gradient, no zero-filled input gradient accumulated tap by tap.
    /// `reluOutput`, when the forward fused a ReLU, is its output: the gradient passes where it is positive.
    static func backward(_ geo: ConvGeometry, _ x: Tensor, _ xp: Tensor, _ kernel: Tensor, _ bias: Tensor?, _ g: Tensor,
                         reluOutput: Tensor? = nil) {
        let rows = fullRows(geo), cin = geo.cin, cout = geo.cout, taps = geo.kh * geo.kw, wide = taps * cout
        let offs = offsets(geo), all = geo.n * geo.hp * geo.wp
        let wantKernel = kernel.requiresGrad, wantInput = x.requiresGrad
        let wantBias = bias?.requiresGrad == true
        guard wantKernel || wantInput || wantBias else { return }
        // The output row of every full row (−1 where dropped), so G reads the gradient where it lies.
        let map = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(rows, 1))
        defer { map.deallocate() }
        var cursor = OutputRows(geo, from: 0)
        for r in 0..<rows { map[r] = Int32(truncatingIfNeeded: cursor.next()) }
        let parts = all * cin * wide >= Gemm.parallelWork ? weightGradientParts : 1
        let block = blockRows(wide: wide, span: 0)
        let kernelParts = wantKernel ? Tensor(uninitialized: [parts, cin, wide]) : nil
        let biasParts = wantBias ? Tensor(uninitialized: [parts, cout]) : nil
        let gxp = wantInput ? Tensor(uninitialized: [geo.n, geo.hp, geo.wp, cin]) : nil
        let wcat = wantInput ? tapsSideBySide(kernel, taps: taps, cin: cin, cout: cout) : nil
        let gp = g.pointer, yp = reluOutput?.pointer, xptr = xp.pointer
        WorkerPool.run(parts: parts) { p in
            let range = WorkerPool.splitRange(all, parts: parts, part: p, align: 16)
            let acc = biasParts.map { $0.pointer + p * cout }
            acc?.update(repeating: 0, count: cout)
            let kp = kernelParts.map { $0.pointer + p * cin * wide }
            if range.isEmpty { kp?.update(repeating: 0, count: cin * wide); return }
            let gw = Tensor(uninitialized: [block, wide])
            let gwp = gw.pointer
            var b0 = range.lowerBound
            while b0 < range.upperBound {
                let b1 = Swift.min(b0 + block, range.upperBound)
                for s in b0..<b1 {
                    for tap in 0..<taps {
                        let d = gwp + (s - b0) * wide + tap * cout, from = s - offs[tap]
                        if tap > 0 && from >= b0 {
                            // G[s, tap] = G[from, 0], already masked earlier in this block: a copy from cache.
                            let done = gwp + (from - b0) * wide
                            for c in 0..<cout { d[c] = done[c] }
                            continue
                        }
                        let at = from >= 0 && from < rows ? Int(map[from]) : -1
                        guard at >= 0 else {
                            for c in 0..<cout { d[c] = 0 }
                            continue
                        }
                        let src = gp + at * cout
                        if let yp {
                            // As ReLU's backward: times 1 or 0, so every load is unconditional and the loop vectorises.
                            let y = yp + at * cout
                            for c in 0..<cout { d[c] = src[c] * (y[c] > 0 ? 1 : 0) }
                        } else {
                            for c in 0..<cout { d[c] = src[c] }
                        }
                        // Tap 0 has offset 0: every kept row passes here exactly once, in row order within the part.
                        if tap == 0, let acc { for c in 0..<cout { acc[c] += d[c] } }
                    }
                }
                if let kp {
                    Gemm.serial(true, false, cin, wide, b1 - b0, xptr + b0 * cin, cin, gwp, wide, kp, wide,
                                beta: b0 == range.lowerBound ? 0 : 1)
                }
                if let gxp, let wcat {
                    Gemm.serial(false, true, b1 - b0, cin, wide, gwp, wide, wcat.pointer, wide, gxp.pointer + b0 * cin, cin)
                }
                b0 = b1
            }
        }
        if let bias, let biasParts {
            let gb = Tensor(uninitialized: [cout])
            let dst = gb.pointer, src = biasParts.pointer
            for c in 0..<cout {
                var total = src[c]
                for p in 1..<parts { total += src[p * cout + c] }
                dst[c] = total
            }
            bias.accumulate(gb)
        }
        if let kernelParts {
            // The parts' sums, added in order, back to the kernel's [taps][cin][cout] layout.
            let gk = Tensor(uninitialized: kernel.shape)
            let gkp = gk.pointer, pp = kernelParts.pointer
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
        if let gxp { x.accumulate(geo.unpad(gxp, channels: cin).reshapedLeafIfNeeded(x.shape)) }
    }
}

/// Walks the full rows in order from a given one and tells where each lands in the output, or −1 when its window
/// is dropped: one increment per row instead of three divisions.
struct OutputRows {
    private let hout, wout, hp, wp: Int
    private var s, i, j: Int

    init(_ geo: ConvGeometry, from r: Int) {
        hout = geo.hout; wout = geo.wout; hp = geo.hp; wp = geo.wp
        let plane = hp * wp
        s = r / plane; i = (r % plane) / wp; j = r % wp
    }

    /// The output row of the current full row (−1 if dropped); then moves to the next full row.
    @inline(__always)
    mutating func next() -> Int {
        let at = i < hout && j < wout ? (s * hout + i) * wout + j : -1
        j += 1
        if j == wp {
            j = 0
            i += 1
            if i == hp { i = 0; s += 1 }
        }
        return at
    }
}
