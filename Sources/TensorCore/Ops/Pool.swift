/// Max, average and global average pooling, channels-last. Padded positions never count:
/// max ignores them and average divides by the number of real elements in the window (Keras/TF "same").

/// Max over windows of `size` along L of `x` [N, L, C]; `stride` defaults to `size`.
public func maxPool1d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
    precondition(x.rank == 3, "maxPool1d: input \(x.shape) must be [N,L,C]")
    let geo = poolGeometry([x.shape[0], 1, x.shape[1], x.shape[2]], (1, size), (1, stride ?? size), (.valid, padding), "maxPool1d")
    return Pooling.max(x, geo, outShape: [geo.n, geo.wout, geo.cin])
}

/// Max over `size` windows of `x` [N, H, W, C]; `strides` default to `size`; `padding` applies to both axes.
public func maxPool2d(_ x: Tensor, size: (Int, Int), strides: (Int, Int)? = nil, padding: Padding = .valid) -> Tensor {
    precondition(x.rank == 4, "maxPool2d: input \(x.shape) must be [N,H,W,C]")
    let geo = poolGeometry(x.shape, size, strides ?? size, (padding, padding), "maxPool2d")
    return Pooling.max(x, geo, outShape: [geo.n, geo.hout, geo.wout, geo.cin])
}

/// Mean over windows of `size` along L of `x` [N, L, C]; `stride` defaults to `size`.
public func avgPool1d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) -> Tensor {
    precondition(x.rank == 3, "avgPool1d: input \(x.shape) must be [N,L,C]")
    let geo = poolGeometry([x.shape[0], 1, x.shape[1], x.shape[2]], (1, size), (1, stride ?? size), (.valid, padding), "avgPool1d")
    return Pooling.average(x, geo, outShape: [geo.n, geo.wout, geo.cin])
}

/// Mean over `size` windows of `x` [N, H, W, C]; `strides` default to `size`; `padding` applies to both axes.
public func avgPool2d(_ x: Tensor, size: (Int, Int), strides: (Int, Int)? = nil, padding: Padding = .valid) -> Tensor {
    precondition(x.rank == 4, "avgPool2d: input \(x.shape) must be [N,H,W,C]")
    let geo = poolGeometry(x.shape, size, strides ?? size, (padding, padding), "avgPool2d")
    return Pooling.average(x, geo, outShape: [geo.n, geo.hout, geo.wout, geo.cin])
}

/// Mean over every axis between the batch and the channels: [N, L, C] or [N, H, W, C] → [N, C].
public func globalAvgPool(_ x: Tensor) -> Tensor {
    precondition(x.rank >= 3, "globalAvgPool: input \(x.shape) must be [N,L,C] or [N,H,W,C]")
    let n = x.shape[0], c = x.shape[x.rank - 1], p = x.count / Swift.max(n * c, 1)
    let out = Tensor.zeros([n, c])
    let src = x.pointer, dst = out.pointer, scale = 1 / Float(Swift.max(p, 1))
    for s in 0..<n {
        let o = dst + s * c
        for i in 0..<p {
            let row = src + (s * p + i) * c
            for j in 0..<c { o[j] += row[j] }
        }
        for j in 0..<c { o[j] *= scale }
    }
    return out.record([x]) { g in
        let gx = Tensor(uninitialized: x.shape)
        let gp = g.pointer, d = gx.pointer
        for s in 0..<n {
            for i in 0..<p {
                let row = d + (s * p + i) * c, gs = gp + s * c
                for j in 0..<c { row[j] = gs[j] * scale }
            }
        }
        x.accumulate(gx)
    }
}

private func poolGeometry(_ xs: [Int], _ size: (Int, Int), _ strides: (Int, Int), _ padding: (Padding, Padding),
                          _ op: String) -> ConvGeometry {
    precondition(size.0 >= 1 && size.1 >= 1 && strides.0 >= 1 && strides.1 >= 1, "\(op): pool size and strides must be >= 1")
    let ph = padding.0.resolve(length: xs[1], window: size.0, stride: strides.0, dilation: 1)
    let pw = padding.1.resolve(length: xs[2], window: size.1, stride: strides.1, dilation: 1)
    return ConvGeometry(n: xs[0], h: xs[1], w: xs[2], cin: xs[3], kh: size.0, kw: size.1, cout: xs[3], groups: 1,
                        sh: strides.0, sw: strides.1, dh: 1, dw: 1, padTop: ph.before, padBottom: ph.after,
                        padLeft: pw.before, padRight: pw.after, hout: ph.out, wout: pw.out)
}

enum Pooling {
    /// Calls `body(outRow, inRow)` for every output position of `samples` (all by default) and every real
    /// (unpadded) input position in its window.
    @inline(__always)
    static func forEachWindow(_ geo: ConvGeometry, samples: Range<Int>? = nil,
                              _ body: (_ outIndex: Int, _ inIndex: Int, _ windowSize: Int) -> Void) {
        let samples = samples ?? 0..<geo.n
        var o = samples.lowerBound * geo.hout * geo.wout
        for s in samples {
            for i in 0..<geo.hout {
                let y0 = Swift.max(i * geo.sh - geo.padTop, 0), y1 = Swift.min(i * geo.sh - geo.padTop + geo.kh, geo.h)
                for j in 0..<geo.wout {
                    let x0 = Swift.max(j * geo.sw - geo.padLeft, 0), x1 = Swift.min(j * geo.sw - geo.padLeft + geo.kw, geo.w)
                    let size = Swift.max(y1 - y0, 0) * Swift.max(x1 - x0, 0)
                    for y in y0..<Swift.max(y1, y0) {
                        for x in x0..<Swift.max(x1, x0) { body(o, (s * geo.h + y) * geo.w + x, size) }
                    }
                    o += 1
                }
            }
        }
    }

    static func max(_ x: Tensor, _ geo: ConvGeometry, outShape: [Int]) -> Tensor {
        let c = geo.cin
        let out = Tensor(uninitialized: outShape)
        // Flat input index of each output's maximum (the whole gradient goes there), kept as Int32 in a pooled buffer.
        precondition(x.count < Int(Int32.max), "maxPool: input \(x.shape) too large for Int32 arg-max indices")
        let arg = Tensor(uninitialized: outShape), count = out.count
        let src = x.pointer, dst = out.pointer
        let fast1d = geo.kh == 1 && geo.h == 1 && !geo.padded
        arg.pointer.withMemoryRebound(to: Int32.self, capacity: count) { ap in
            if fast1d {
                // 1-D, unpadded: every window is kw rows of one sample; a flat loop the compiler turns into selects.
                let lines = geo.n * geo.wout
                WorkerPool.forRanges(lines, minimum: count >= 1 << 16 ? 2 : Int.max, align: 1) { range in
                    for o in range {
                        let s = o / geo.wout, j = o % geo.wout
                        let orow = dst + o * c, arow = ap + o * c
                        // Start from −∞ / no index, row by row (no separate pass over the whole output).
                        orow.update(repeating: -.infinity, count: c)
                        arow.update(repeating: -1, count: c)
                        for t in 0..<geo.kw {
                            let i = s * geo.w + j * geo.sw + t, irow = src + i * c, base = Int32(truncatingIfNeeded: i * c)
                            // Bit-mask selects: the compiler turns `take ? a : b` back into a branch, which
                            // mispredicts half the time on real data and keeps the loop scalar.
                            for ch in 0..<c {
                                let v = irow[ch], cur = orow[ch]
                                let mask = UInt32(bitPattern: -Int32(truncatingIfNeeded: (v > cur).intValue))
                                orow[ch] = Float(bitPattern: (v.bitPattern & mask) | (cur.bitPattern & ~mask))
                                let idx = UInt32(bitPattern: base &+ Int32(truncatingIfNeeded: ch))
                                arow[ch] = Int32(bitPattern: (idx & mask) | (UInt32(bitPattern: arow[ch]) & ~mask))
                            }
                        }
                    }
                }
                return
            }
            dst.update(repeating: -.infinity, count: count)
            ap.update(repeating: -1, count: count)
            // Each sample's windows write only its own outputs: split over samples, every comparison in its order.
            WorkerPool.forRanges(geo.n, minimum: count >= 1 << 14 ? 2 : Int.max, align: 1) { samples in
                forEachWindow(geo, samples: samples) { o, i, _ in
                    let orow = dst + o * c, irow = src + i * c
                    for j in 0..<c where irow[j] > orow[j] {
                        orow[j] = irow[j]
                        ap[o * c + j] = Int32(truncatingIfNeeded: i * c + j)
                    }
                }
            }
        }
        // Windows that never overlap scatter into disjoint inputs, so their backward splits by output row.
        let disjoint = geo.sh >= geo.kh && geo.sw >= geo.kw, lineWidth = geo.wout * c
        let tiling = fast1d && geo.sw == geo.kw
        return out.record([x]) { g in
            if tiling {
                // Windows tile the length: every input row lies in at most one window, so each is written once
                // (its window's gradient where it was the maximum, else 0) instead of zero-filled then scattered.
                let gx = Tensor(uninitialized: x.shape)
                let gp = g.pointer, d = gx.pointer
                arg.pointer.withMemoryRebound(to: Int32.self, capacity: count) { ap in
                    WorkerPool.forRanges(geo.n, minimum: count >= 1 << 16 ? 2 : Int.max, align: 1) { samples in
                        for s in samples {
                            for j in 0..<geo.wout {
                                let o = s * geo.wout + j, grow = gp + o * c, arow = ap + o * c
                                for t in 0..<geo.kw {
                                    let i = s * geo.w + j * geo.sw + t, drow = d + i * c
                                    let base = Int32(truncatingIfNeeded: i * c)
                                    // A bit-mask select (a `?:` here compiles to a branch that mispredicts half the time).
                                    for ch in 0..<c {
                                        let hit = arow[ch] == base &+ Int32(truncatingIfNeeded: ch)
                                        let mask = UInt32(bitPattern: -Int32(truncatingIfNeeded: hit.intValue))
                                        drow[ch] = Float(bitPattern: grow[ch].bitPattern & mask)
                                    }
                                }
                            }
                            let covered = geo.wout * geo.kw
                            (d + (s * geo.w + covered) * c).update(repeating: 0, count: (geo.w - covered) * c)
                        }
                    }
                }
                x.accumulate(gx)
                return
            }
            let gx = Tensor.zeros(x.shape)
            let gp = g.pointer, d = gx.pointer
            arg.pointer.withMemoryRebound(to: Int32.self, capacity: count) { ap in
                let lines = count / Swift.max(lineWidth, 1)
                WorkerPool.forRanges(lines, minimum: disjoint && count >= 1 << 16 ? 2 : Int.max, align: 1) { range in
                    for k in (range.lowerBound * lineWidth)..<(range.upperBound * lineWidth) where ap[k] >= 0 {
                        d[Int(ap[k])] += gp[k]
                    }
                }
            }
            x.accumulate(gx)
        }
    }

    static func average(_ x: Tensor, _ geo: ConvGeometry, outShape: [Int]) -> Tensor {
        let c = geo.cin
        let out = Tensor.zeros(outShape)
        let src = x.pointer, dst = out.pointer
        forEachWindow(geo) { o, i, size in
            let orow = dst + o * c, irow = src + i * c, scale = 1 / Float(size)
            for j in 0..<c { orow[j] += irow[j] * scale }
        }
        return out.record([x]) { g in
            let gx = Tensor.zeros(x.shape)
            let gp = g.pointer, d = gx.pointer
            forEachWindow(geo) { o, i, size in
                let grow = gp + o * c, drow = d + i * c, scale = 1 / Float(size)
                for j in 0..<c { drow[j] += grow[j] * scale }
            }
            x.accumulate(gx)
        }
    }
}

extension Bool {
    /// 1 or 0, without a branch.
    @inline(__always) var intValue: Int { self ? 1 : 0 }
}
