/// Inverted dropout: kept units are scaled by 1/(1 − rate) in training so inference needs no rescaling.

/// A dropout mask of `shape`: 0 with probability `rate`, else 1/(1 − rate).
/// Always consumes exactly one draw per element, whatever the rate, so later draws from `rng` never shift.
public func dropoutMask(shape: [Int], rate: Float, rng: inout RNG) -> Tensor {
    precondition(rate >= 0 && rate < 1, "dropout: rate \(rate) is not in [0, 1)")
    let mask = Tensor(uninitialized: shape)
    let keep = 1 / (1 - rate), m = mask.pointer
    // Dropped exactly when rng.uniform() < rate, i.e. when the 24-bit draw u < ⌈rate·2²⁴⌉; done with integer
    // arithmetic (no branch to mispredict half the time): the wrapped difference has its top bit set iff u is below.
    let threshold = UInt64((rate * 16_777_216).rounded(.up))
    for i in 0..<mask.count {
        let u = rng.next() >> 40
        m[i] = keep * Float((u &- threshold) >> 63 ^ 1)
    }
    return mask
}

/// `x` with each element zeroed with probability `rate` and the rest scaled by 1/(1 − rate); `x` itself when rate is 0.
/// Consumes `x.count` draws from `rng` either way.
public func dropout(_ x: Tensor, rate: Float, rng: inout RNG) -> Tensor {
    precondition(rate >= 0 && rate < 1, "dropout: rate \(rate) is not in [0, 1)")
    if rate == 0 {
        for _ in 0..<x.count { _ = rng.next() }
        return x
    }
    // The mask of `dropoutMask` and x · mask in the same pass (the draws are serial anyway); the values are exactly
    // those of `dropout(x, mask: dropoutMask(...))`.
    let mask = Tensor(uninitialized: x.shape), out = Tensor(uninitialized: x.shape)
    let keep = 1 / (1 - rate), m = mask.pointer, xp = x.pointer, y = out.pointer
    let threshold = UInt64((rate * 16_777_216).rounded(.up))
    for i in 0..<x.count {
        let u = rng.next() >> 40
        m[i] = keep * Float((u &- threshold) >> 63 ^ 1)
        y[i] = xp[i] * m[i]
    }
    return out.record([x]) { g in
        let gx = Tensor(uninitialized: x.shape)
        let gp = g.pointer, d = gx.pointer, m = mask.pointer
        WorkerPool.forRanges(gx.count) { r in for i in r { d[i] = gp[i] * m[i] } }
        x.accumulate(gx)
    }
}

/// `x · mask` for a mask from `dropoutMask` (it may broadcast, e.g. [B, 1, 1, C] for spatial dropout).
public func dropout(_ x: Tensor, mask: Tensor) -> Tensor {
    precondition(!mask.requiresGrad, "dropout: the mask must be a constant")
    return x * mask
}
