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
    // The mask of `dropoutMask` and x · mask in the same pass; the values are exactly those of
    // `dropout(x, mask: dropoutMask(...))`. The draws are one serial stream (its dependency chain is what a large
    // mask costs), so a large one is drawn in a fixed number of parts side by side, each from a generator jumped
    // ahead to its first element: the same draws, the same values, whoever computes them.
    let mask = Tensor(uninitialized: x.shape), out = Tensor(uninitialized: x.shape)
    let keep = 1 / (1 - rate), m = mask.pointer, xp = x.pointer, y = out.pointer
    let threshold = UInt64((rate * 16_777_216).rounded(.up))
    let parts = x.count >= DropoutDraws.parallelCount ? DropoutDraws.parts : 1
    let generators = UnsafeMutablePointer<RNG>.allocate(capacity: parts)
    defer { generators.deallocate() }
    generators.initialize(repeating: rng, count: parts)
    WorkerPool.run(parts: parts) { p in
        let range = WorkerPool.splitRange(x.count, parts: parts, part: p, align: 16)
        var g = generators[p]
        g.advance(by: range.lowerBound)
        for i in range {
            let u = g.next() >> 40
            m[i] = keep * Float((u &- threshold) >> 63 ^ 1)
            y[i] = xp[i] * m[i]
        }
        generators[p] = g
    }
    // The last part ends where one generator drawing every element would.
    rng = generators[parts - 1]
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

/// How a large dropout mask's draws are split.
enum DropoutDraws {
    /// Elements from which a mask is drawn in parts (jumping a generator ahead costs about 300 draws).
    static let parallelCount = 1 << 16
    /// Parts a large mask is drawn in: fixed, though any split gives the same values.
    static let parts = 2
}
