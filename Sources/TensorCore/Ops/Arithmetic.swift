/// Broadcasting add, sub, mul, div and neg; forward and backward side by side.

@inline(__always)
private func binary(_ a: Tensor, _ b: Tensor, _ name: String, _ f: (Float, Float) -> Float) -> Tensor {
    guard let shape = Broadcast.shape(a.shape, b.shape) else {
        preconditionFailure("\(name): shapes \(a.shape) and \(b.shape) do not broadcast")
    }
    let out = Tensor(uninitialized: shape)
    let pa = a.pointer, pb = b.pointer, po = out.pointer
    if a.shape == b.shape {
        for i in 0..<out.count { po[i] = f(pa[i], pb[i]) }
    } else if b.count == 1 {
        let s = pb[0]
        for i in 0..<out.count { po[i] = f(pa[i], s) }
    } else {
        let sa = Broadcast.strides(of: a.shape, in: shape), sb = Broadcast.strides(of: b.shape, in: shape)
        Broadcast.forEachRun(shape, sa, sb) { o, ia, ib, n, stepA, stepB in
            for j in 0..<n { po[o + j] = f(pa[ia + j * stepA], pb[ib + j * stepB]) }
        }
    }
    return out
}

/// Elementwise `a + b` with broadcasting.
public func + (a: Tensor, b: Tensor) -> Tensor {
    binary(a, b, "add", +).record([a, b]) { g in
        if a.requiresGrad { a.accumulate(g.reduced(to: a.shape), owned: a.shape != g.shape) }
        if b.requiresGrad { b.accumulate(g.reduced(to: b.shape), owned: b.shape != g.shape) }
    }
}

/// Elementwise `a - b` with broadcasting.
public func - (a: Tensor, b: Tensor) -> Tensor {
    binary(a, b, "sub", -).record([a, b]) { g in
        if a.requiresGrad { a.accumulate(g.reduced(to: a.shape), owned: a.shape != g.shape) }
        if b.requiresGrad { b.accumulate((-g.detached()).reduced(to: b.shape)) }
    }
}

/// Elementwise `a * b` with broadcasting.
public func * (a: Tensor, b: Tensor) -> Tensor {
    binary(a, b, "mul", *).record([a, b]) { g in
        if a.requiresGrad { a.accumulate(binary(g, b, "mul", *).reduced(to: a.shape)) }
        if b.requiresGrad { b.accumulate(binary(g, a, "mul", *).reduced(to: b.shape)) }
    }
}

/// Elementwise `a / b` with broadcasting.
public func / (a: Tensor, b: Tensor) -> Tensor {
    binary(a, b, "div", /).record([a, b]) { g in
        if a.requiresGrad { a.accumulate(binary(g, b, "div", /).reduced(to: a.shape)) }
        if b.requiresGrad {
            // d(a/b)/db = -a / b^2
            let gab = binary(binary(g, a, "mul", *), b, "div", /)
            b.accumulate(binary(gab, b, "div") { x, y in -x / y }.reduced(to: b.shape))
        }
    }
}

/// Elementwise negation.
public prefix func - (a: Tensor) -> Tensor {
    let out = Tensor(uninitialized: a.shape)
    let pa = a.pointer, po = out.pointer
    for i in 0..<a.count { po[i] = -pa[i] }
    return out.record([a]) { g in a.accumulate(-g.detached()) }
}

/// `a + s` for a scalar `s`.
public func + (a: Tensor, s: Float) -> Tensor { a + Tensor(scalar: s) }
/// `a - s` for a scalar `s`.
public func - (a: Tensor, s: Float) -> Tensor { a - Tensor(scalar: s) }
/// `a * s` for a scalar `s`.
public func * (a: Tensor, s: Float) -> Tensor { a * Tensor(scalar: s) }
/// `a / s` for a scalar `s`.
public func / (a: Tensor, s: Float) -> Tensor { a / Tensor(scalar: s) }
