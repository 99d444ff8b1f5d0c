import Foundation

/// Activation functions with numerically stable forms; every backward is in closed form.

extension Tensor {
    /// max(x, 0); the gradient passes where x > 0.
    public func relu() -> Tensor {
        // Its own loops rather than `elementwise` (a call per element); the backward multiplies by 0/1 rather than
        // selecting g, so every load is unconditional and the loop vectorises.
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        WorkerPool.forRanges(count) { r in for i in r { y[i] = x[i] > 0 ? x[i] : 0 } }
        return out.record([self]) { [unowned self, unowned out] g in
            let gi = Tensor(uninitialized: self.shape)
            let gp = g.pointer, dst = gi.pointer, y = out.pointer
            WorkerPool.forRanges(self.count) { r in for i in r { dst[i] = gp[i] * (y[i] > 0 ? 1 : 0) } }
            self.accumulate(gi)
        }
    }

    /// min(max(x, 0), 6) (MobileNet); the gradient passes where 0 < x < 6.
    public func relu6() -> Tensor {
        // Its own loops, as `relu` (MobileNet applies it to its widest tensors); the mask is read from the input.
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        WorkerPool.forRanges(count) { r in for i in r { y[i] = Swift.min(Swift.max(x[i], 0), 6) } }
        return out.record([self]) { [unowned self] g in
            let gi = Tensor(uninitialized: self.shape)
            let gp = g.pointer, dst = gi.pointer, x = self.pointer
            WorkerPool.forRanges(self.count) { r in for i in r { dst[i] = gp[i] * (x[i] > 0 && x[i] < 6 ? 1 : 0) } }
            self.accumulate(gi)
        }
    }

    /// x for x > 0, alpha·x otherwise (Keras's LeakyReLU default slope is 0.3).
    public func leakyRelu(alpha: Float = 0.3) -> Tensor {
        elementwise({ $0 > 0 ? $0 : alpha * $0 }, { x, _ in x > 0 ? 1 : alpha })
    }

    /// 1 / (1 + e⁻ˣ); for very negative x the exponential overflows to +inf and the result is a clean 0, never NaN.
    public func sigmoid() -> Tensor {
        // Its own loop split over the pool (each element's value does not depend on the split): exp dominates, and
        // a frozen backbone (ModelFormats' BirdNET) calls it on every activation of a swish network.
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        WorkerPool.forRanges(count) { r in for i in r { y[i] = stableSigmoid(x[i]) } }
        return out.record([self]) { [unowned self, unowned out] g in
            let gi = Tensor(uninitialized: self.shape)
            let gp = g.pointer, dst = gi.pointer, y = out.pointer
            for i in 0..<self.count { dst[i] = gp[i] * (y[i] * (1 - y[i])) }
            self.accumulate(gi)
        }
    }

    /// Hyperbolic tangent (within 4 ulp of libm's, about 3x faster; see `fastTanh`).
    public func tanh() -> Tensor {
        elementwise({ fastTanh($0) }, { _, y in 1 - y * y })
    }

    /// log(1 + eˣ) as max(x, 0) + log1p(e^−|x|), finite for every x; the gradient is sigmoid(x).
    public func softplus() -> Tensor {
        elementwise({ Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) }, { x, _ in stableSigmoid(x) })
    }

    /// x·sigmoid(x) (SiLU / swish).
    public func silu() -> Tensor {
        elementwise({ $0 * stableSigmoid($0) }, { x, _ in
            let s = stableSigmoid(x)
            return s * (1 + x * (1 - s))
        })
    }

    /// GELU: x·Φ(x) with the exact erf form (Keras's default), or the tanh approximation when `approximate`.
    public func gelu(approximate: Bool = false) -> Tensor {
        if approximate {
            let c: Float = 0.797_884_56  // √(2/π)
            let k: Float = 0.044_715
            return elementwise({ x in 0.5 * x * (1 + fastTanh(c * (x + k * x * x * x))) }, { x, _ in
                let t = fastTanh(c * (x + k * x * x * x))
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * k * x * x)
            })
        }
        // Φ(x) = erfc(−x/√2)/2 rather than (1 + erf(x/√2))/2: the latter cancels to a few correct bits for x ≪ 0.
        let invSqrt2: Float = 0.707_106_78, invSqrt2Pi: Float = 0.398_942_28
        return elementwise({ x in 0.5 * x * Foundation.erfc(-x * invSqrt2) }, { x, _ in
            0.5 * Foundation.erfc(-x * invSqrt2) + x * invSqrt2Pi * Foundation.exp(-0.5 * x * x)
        })
    }
}

/// Logistic function without a branch (twice as fast on random signs): e⁻ˣ may overflow to +inf, which gives 0.
@inline(__always)
func stableSigmoid(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }

/// tanh from one exp of a non-positive argument, (1 − e^−2|x|)/(1 + e^−2|x|) with the sign restored, and a Taylor
/// polynomial below |x| = 1/16 where 1 − e would cancel. Within 3.6e-7 relative of libm's tanhf, which costs 3–4x more.
@inline(__always)
func fastTanh(_ x: Float) -> Float {
    let a = Swift.abs(x)
    if _slowPath(a < 0.0625) {
        let x2 = x * x
        return x + x * x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315)))
    }
    let e = Foundation.exp(-2 * a)
    return Float(signOf: x, magnitudeOf: (1 - e) / (1 + e))
}
