import Foundation

/// Elementwise math (exp, log, sqrt, pow, clamp, abs, square); each backward is the closed-form derivative.

extension Tensor {
    /// Applies `f` elementwise; the backward multiplies the output gradient by `df(x, y)` (input and output value).
    /// Shared by every elementwise op so each one is two one-line formulas; inlined so the formulas vectorise.
    @inline(__always)
    func elementwise(_ f: (Float) -> Float, _ df: @escaping (Float, Float) -> Float) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        for i in 0..<count { y[i] = f(x[i]) }
        // `out` is unowned: it owns this closure through its node, and the closure only runs while it is alive.
        return out.record([self]) { [unowned self, unowned out] g in
            let gi = Tensor(uninitialized: self.shape)
            let gp = g.pointer, dst = gi.pointer, x = self.pointer, y = out.pointer
            for i in 0..<self.count { dst[i] = gp[i] * df(x[i], y[i]) }
            self.accumulate(gi)
        }
    }

    /// eˣ elementwise.
    public func exp() -> Tensor { elementwise({ Foundation.exp($0) }, { _, y in y }) }

    /// Natural logarithm elementwise (inputs must be positive).
    public func log() -> Tensor { elementwise({ Foundation.log($0) }, { x, _ in 1 / x }) }

    /// Square root elementwise (inputs must be positive where a gradient is wanted).
    public func sqrt() -> Tensor { elementwise({ $0.squareRoot() }, { _, y in 0.5 / y }) }

    /// xᵖ elementwise for a constant exponent `p`.
    public func pow(_ p: Float) -> Tensor {
        if p == 2 { return square() }
        return elementwise({ Foundation.pow($0, p) }, { x, _ in p * Foundation.pow(x, p - 1) })
    }

    /// Values limited to [`min`, `max`]; the gradient is 0 where the input lies outside the interval.
    public func clamp(min lo: Float, max hi: Float) -> Tensor {
        precondition(lo <= hi, "clamp: min \(lo) > max \(hi)")
        return elementwise({ Swift.min(Swift.max($0, lo), hi) }, { x, _ in x >= lo && x <= hi ? 1 : 0 })
    }

    /// |x| elementwise; the gradient is sign(x) (0 at 0).
    public func abs() -> Tensor {
        elementwise({ Swift.abs($0) }, { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) })
    }

    /// x² elementwise.
    public func square() -> Tensor { elementwise({ $0 * $0 }, { x, _ in 2 * x }) }
}
