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
    if training {
        precondition(rows > 0, "batchNorm: training needs at least one row, input \(x.shape)")
        // Double accumulators through raw pointers (array subscripts in these loops cost more than the adds).
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: 2 * c)
        defer { acc.deallocate() }
        acc.initialize(repeating: 0, count: 2 * c)
        let sum = acc, sq = acc + c
        // Split by channel: each channel's sums run over the rows in the same order whoever computes them.
        WorkerPool.forRanges(c, minimum: x.count >= 1 << 16 ? 2 : Int.max, align: 4) { ch in
            for r in 0..<rows {
                let row = xp + r * c
                for j in ch { sum[j] += Double(row[j]) }
            }
            for j in ch { sum[j] /= Double(rows) }
            for r in 0..<rows {
                let row = xp + r * c
                for j in ch { let d = Double(row[j]) - sum[j]; sq[j] += d * d }
            }
        }
        let rm = runningMean.pointer, rv = runningVar.pointer
        for j in 0..<c {
            let variance = sq[j] / Double(rows)
            mp[j] = Float(sum[j])
            sp[j] = Float(1 / (variance + Double(epsilon)).squareRoot())
            rm[j] = rm[j] * momentum + Float(sum[j]) * (1 - momentum)
            rv[j] = rv[j] * momentum + Float(variance) * (1 - momentum)
        }
    } else {
        let rm = runningMean.pointer, rv = runningVar.pointer
        for j in 0..<c {
            mp[j] = rm[j]
            sp[j] = 1 / (rv[j] + epsilon).squareRoot()
        }
    }
    let out = Tensor(uninitialized: x.shape)
    let yp = out.pointer, gp = gamma.pointer, bp = beta.pointer
    WorkerPool.forRanges(rows, minimum: x.count >= 1 << 16 ? 2 : Int.max, align: 1) { range in
        for r in range {
            let xr = xp + r * c, yr = yp + r * c
            for j in 0..<c { yr[j] = gp[j] * (xr[j] - mp[j]) * sp[j] + bp[j] }
        }
    }
    return out.record([x, gamma, beta]) { g in
        // Read the statistics through the tensors, which the closure keeps alive (a bare pointer would dangle).
        let gr = g.pointer, xp = x.pointer, mp = mean.pointer, sp = invStd.pointer, gp = gamma.pointer
        // Σg and Σg·x̂ per channel feed all three gradients.
        let gGamma = Tensor.zeros([c]), gBeta = Tensor.zeros([c])
        let sumG = gBeta.pointer, sumGX = gGamma.pointer
        WorkerPool.forRanges(c, minimum: x.count >= 1 << 16 ? 2 : Int.max, align: 4) { ch in
            for r in 0..<rows {
                let grow = gr + r * c, xr = xp + r * c
                for j in ch {
                    sumG[j] += grow[j]
                    sumGX[j] += grow[j] * (xr[j] - mp[j]) * sp[j]
                }
            }
        }
        // Adopted as gradients and only read afterwards, so the sums stay valid for dx below.
        if gamma.requiresGrad { gamma.accumulate(gGamma) }
        if beta.requiresGrad { beta.accumulate(gBeta) }
        guard x.requiresGrad else { return }
        let gx = Tensor(uninitialized: x.shape)
        let dp = gx.pointer, n = Float(rows)
        WorkerPool.forRanges(rows, minimum: x.count >= 1 << 16 ? 2 : Int.max, align: 1) { range in
            for r in range {
                let grow = gr + r * c, xr = xp + r * c, dr = dp + r * c
                if training {
                    // Through the batch statistics: dx = γ·s/n · (n·g − Σg − x̂·Σg·x̂).
                    for j in 0..<c {
                        let xhat = (xr[j] - mp[j]) * sp[j]
                        dr[j] = gp[j] * sp[j] / n * (n * grow[j] - sumG[j] - xhat * sumGX[j])
                    }
                } else {
                    for j in 0..<c { dr[j] = gp[j] * sp[j] * grow[j] }
                }
            }
        }
        x.accumulate(gx)
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
