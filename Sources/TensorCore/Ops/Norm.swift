import Foundation

/// Batch and layer normalisation over channels-last tensors, each fused into one forward and one backward pass.

/// Keras BatchNormalization over every axis but the last. `training` normalises with the batch statistics
/// (biased variance) and updates `runningMean`/`runningVar` in place as moving·momentum + batch·(1 − momentum);
/// otherwise the running statistics are used. Gradients flow to `x`, `gamma` and `beta` (all [C] but x).
public func batchNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, runningMean: Tensor, runningVar: Tensor,
                      training: Bool, momentum: Float = 0.99, epsilon: Float = 1e-3) -> Tensor {
    let c = x.shape.last ?? 0
    for (name, t) in [("gamma", gamma), ("beta", beta), ("runningMean", runningMean), ("runningVar", runningVar)] {
        precondition(t.shape == [c], "batchNorm: \(name) \(t.shape) must be [\(c)] for input \(x.shape)")
    }
    let rows = x.count / Swift.max(c, 1)
    let mean = Tensor(uninitialized: [c]), invStd = Tensor(uninitialized: [c])
    let xp = x.pointer, mp = mean.pointer, sp = invStd.pointer
    let parallel = x.count >= 1 << 16 ? 2 : Int.max
    if training {
        precondition(rows > 0, "batchNorm: training needs at least one row, input \(x.shape)")
        // Σd and Σd² in one pass over d = x − x[0] (shifted by the channel's first value, so E[d²] − E[d]² does
        // not cancel when the mean is large against the spread).
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: 2 * c)
        defer { acc.deallocate() }
        let sum = acc, sq = acc + c
        ChannelSums.totals(rows: rows, channels: c, xp, shift: xp, xp, shift: xp, sum, sq)
        let rm = runningMean.pointer, rv = runningVar.pointer
        for j in 0..<c {
            let shift = sum[j] / Double(rows), m = Double(xp[j]) + shift
            let variance = Swift.max(sq[j] / Double(rows) - shift * shift, 0)
            mp[j] = Float(m)
            sp[j] = Float(1 / (variance + Double(epsilon)).squareRoot())
            rm[j] = rm[j] * momentum + Float(m) * (1 - momentum)
            rv[j] = rv[j] * momentum + Float(variance) * (1 - momentum)
        }
    } else {
        let rm = runningMean.pointer, rv = runningVar.pointer
        for j in 0..<c {
            mp[j] = rm[j]
            sp[j] = 1 / (rv[j] + epsilon).squareRoot()
        }
    }
    // y = x·a + b per channel, a = γ·s and b = β − mean·a: one multiply-add per element.
    let coef = Tensor(uninitialized: [2, c])
    let ap = coef.pointer, bp = coef.pointer + c, gp = gamma.pointer, betap = beta.pointer
    for j in 0..<c {
        ap[j] = gp[j] * sp[j]
        bp[j] = betap[j] - mp[j] * ap[j]
    }
    let out = Tensor(uninitialized: x.shape)
    let yp = out.pointer
    WorkerPool.forRanges(rows, minimum: parallel, align: 1) { range in
        for r in range {
            let xr = xp + r * c, yr = yp + r * c
            for j in 0..<c { yr[j] = xr[j] * ap[j] + bp[j] }
        }
    }
    return out.record([x, gamma, beta]) { g in
        // Read the statistics through the tensors, which the closure keeps alive (a bare pointer would dangle).
        let gr = g.pointer, xp = x.pointer, mp = mean.pointer, sp = invStd.pointer, gp = gamma.pointer
        // Σg and Σg·(x − mean) per channel feed all three gradients (Σg·x̂ = s·Σg·(x − mean)).
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 2 * c)
        defer { sums.deallocate() }
        let sumG = sums, sumGX = sums + c
        ChannelSums.totals(rows: rows, channels: c, gr, shift: nil, xp, shift: mp, sumG, sumGX)
        let gGamma = Tensor(uninitialized: [c]), gBeta = Tensor(uninitialized: [c])
        let coef = Tensor(uninitialized: [3, c])
        let ca = coef.pointer, cb = ca + c, cc = ca + 2 * c, n = Double(rows)
        for j in 0..<c {
            let s = Double(sp[j]), m = Double(mp[j]), gs = Double(gp[j]) * s
            let sgx = s * sumGX[j]
            gBeta.pointer[j] = Float(sumG[j])
            gGamma.pointer[j] = Float(sgx)
            if training {
                // dx = γ·s/n·(n·g − Σg − x̂·Σg·x̂) = a·g + b·x + c per channel.
                ca[j] = Float(gs)
                cb[j] = Float(-gs * s * sgx / n)
                cc[j] = Float(gs * (s * m * sgx - sumG[j]) / n)
            } else {
                ca[j] = Float(gs); cb[j] = 0; cc[j] = 0
            }
        }
        if gamma.requiresGrad { gamma.accumulate(gGamma) }
        if beta.requiresGrad { beta.accumulate(gBeta) }
        guard x.requiresGrad else { return }
        let gx = Tensor(uninitialized: x.shape)
        let dp = gx.pointer
        WorkerPool.forRanges(rows, minimum: parallel, align: 1) { range in
            for r in range {
                let grow = gr + r * c, xr = xp + r * c, dr = dp + r * c
                for j in 0..<c { dr[j] = ca[j] * grow[j] + cb[j] * xr[j] + cc[j] }
            }
        }
        x.accumulate(gx)
    }
}

/// Per-channel sums over the rows of [rows, C] buffers, in Float over short blocks of rows (so the loop vectorises)
/// flushed into Double totals (so 16k-row sums keep their digits). The order of additions depends only on the shape.
enum ChannelSums {
    static let block = 32

    /// Row ranges a large buffer's sums are split into: a fixed number, so the rounding never depends on the machine.
    static let parts = 2

    /// total0[j] = Σ_r a and total1[j] = Σ_r a·b with a = u[r, j] − uShift[j], b = v[r, j] − vShift[j] (a nil
    /// shift is 0). Large buffers are cut into `parts` row ranges summed side by side, whose Double totals are then
    /// added in order: each worker streams its own half of the memory (split by channel, both read every line).
    static func totals(rows: Int, channels c: Int, _ u: UnsafePointer<Float>, shift uShift: UnsafePointer<Float>?,
                       _ v: UnsafePointer<Float>, shift vShift: UnsafePointer<Float>?,
                       _ total0: UnsafeMutablePointer<Double>, _ total1: UnsafeMutablePointer<Double>) {
        // Shifts copied to one buffer (zeros for nil) so the inner loop has no optional to test.
        let shifts = UnsafeMutablePointer<Float>.allocate(capacity: 2 * c)
        defer { shifts.deallocate() }
        for j in 0..<c { shifts[j] = uShift?[j] ?? 0; shifts[c + j] = vShift?[j] ?? 0 }
        let count = rows * c >= 1 << 16 ? parts : 1
        if count == 1 { return accumulate(0..<rows, c, u, v, shifts, total0, total1) }
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: 2 * count * c)
        defer { partial.deallocate() }
        WorkerPool.run(parts: count) { p in
            let r = WorkerPool.splitRange(rows, parts: count, part: p, align: block)
            accumulate(r, c, u, v, shifts, partial + 2 * p * c, partial + (2 * p + 1) * c)
        }
        for j in 0..<c {
            var a = partial[j], b = partial[c + j]
            for p in 1..<count { a += partial[2 * p * c + j]; b += partial[(2 * p + 1) * c + j] }
            total0[j] = a
            total1[j] = b
        }
    }

    /// The sums of `totals` over one range of rows, on the calling thread.
    private static func accumulate(_ range: Range<Int>, _ c: Int, _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>,
                                   _ shifts: UnsafePointer<Float>, _ total0: UnsafeMutablePointer<Double>,
                                   _ total1: UnsafeMutablePointer<Double>) {
        let part = UnsafeMutablePointer<Float>.allocate(capacity: 2 * c)
        defer { part.deallocate() }
        let p0 = part, p1 = part + c, su = shifts, sv = shifts + c
        for j in 0..<c { total0[j] = 0; total1[j] = 0 }
        var r0 = range.lowerBound
        while r0 < range.upperBound {
            let r1 = Swift.min(r0 + block, range.upperBound)
            p0.update(repeating: 0, count: c)
            p1.update(repeating: 0, count: c)
            for r in r0..<r1 {
                let ur = u + r * c, vr = v + r * c
                for j in 0..<c {
                    let a = ur[j] - su[j]
                    p0[j] += a
                    p1[j] += a * (vr[j] - sv[j])
                }
            }
            for j in 0..<c {
                total0[j] += Double(p0[j])
                total1[j] += Double(p1[j])
            }
            r0 = r1
        }
    }
}

/// Keras LayerNormalization over the last axis with `gamma`/`beta` [C]: γ·(x − mean)/√(var + ε) + β, biased variance.
public func layerNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, epsilon: Float = 1e-3) -> Tensor {
    let c = x.shape.last ?? 0
    precondition(gamma.shape == [c] && beta.shape == [c], "layerNorm: gamma \(gamma.shape) and beta \(beta.shape) must be [\(c)]")
    let rows = x.count / Swift.max(c, 1)
    let stats = Tensor(uninitialized: [rows, 2])  // mean, 1/std per row
    let out = Tensor(uninitialized: x.shape)
    let xp = x.pointer, yp = out.pointer, st = stats.pointer, gp = gamma.pointer, bp = beta.pointer
    for r in 0..<rows {
        let xr = xp + r * c, yr = yp + r * c
        var sum: Float = 0
        for j in 0..<c { sum += xr[j] }
        let mean = sum / Float(c)
        var sq: Float = 0
        for j in 0..<c { let d = xr[j] - mean; sq += d * d }
        let s = 1 / (sq / Float(c) + epsilon).squareRoot()
        st[2 * r] = mean; st[2 * r + 1] = s
        for j in 0..<c { yr[j] = gp[j] * (xr[j] - mean) * s + bp[j] }
    }
    return out.record([x, gamma, beta]) { g in
        let gr = g.pointer, xp = x.pointer, st = stats.pointer, gp = gamma.pointer
        let gGamma = Tensor.zeros([c]), gBeta = Tensor.zeros([c])
        let gx = x.requiresGrad ? Tensor(uninitialized: x.shape) : nil
        let ggp = gGamma.pointer, gbp = gBeta.pointer
        for r in 0..<rows {
            let grow = gr + r * c, xr = xp + r * c, mean = st[2 * r], s = st[2 * r + 1]
            var sumD: Float = 0, sumDX: Float = 0
            for j in 0..<c {
                let xhat = (xr[j] - mean) * s, d = grow[j] * gp[j]
                ggp[j] += grow[j] * xhat
                gbp[j] += grow[j]
                sumD += d; sumDX += d * xhat
            }
            guard let gx else { continue }
            // dx = s/C · (C·dx̂ − Σdx̂ − x̂·Σdx̂·x̂), with dx̂ = g·γ.
            let dr = gx.pointer + r * c, n = Float(c)
            for j in 0..<c {
                let xhat = (xr[j] - mean) * s
                dr[j] = s / n * (n * grow[j] * gp[j] - sumD - xhat * sumDX)
            }
        }
        if gamma.requiresGrad { gamma.accumulate(gGamma) }
        if beta.requiresGrad { beta.accumulate(gBeta) }
        if let gx { x.accumulate(gx) }
    }
}
