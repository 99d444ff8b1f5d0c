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
    let mask = dropoutMask(shape: x.shape, rate: rate, rng: &rng)
    return rate == 0 ? x : dropout(x, mask: mask)
}

/// `x · mask` for a mask from `dropoutMask` (it may broadcast, e.g. [B, 1, 1, C] for spatial dropout).
public func dropout(_ x: Tensor, mask: Tensor) -> Tensor {
    precondition(!mask.requiresGrad, "dropout: the mask must be a constant")
    return x * mask
}
