import Foundation

/// Activation functions with numerically stable forms; every backward is in closed form.

extension Tensor {
    /// max(x, 0); the gradient passes where x > 0.
    public func relu() -> Tensor {
        elementwise({ $0 > 0 ? $0 : 0 }, { x, _ in x > 0 ? 1 : 0 })
    }

    /// min(max(x, 0), 6) (MobileNet); the gradient passes where 0 < x < 6.
    public func relu6() -> Tensor {
        elementwise({ Swift.min(Swift.max($0, 0), 6) }, { x, _ in x > 0 && x < 6 ? 1 : 0 })
    }

    /// x for x > 0, alpha·x otherwise (Keras's LeakyReLU default slope is 0.3).
    public func leakyRelu(alpha: Float = 0.3) -> Tensor {
        elementwise({ $0 > 0 ? $0 : alpha * $0 }, { x, _ in x > 0 ? 1 : alpha })
    }

    /// 1 / (1 + e⁻ˣ), evaluated so that neither branch overflows for large |x|.
    public func sigmoid() -> Tensor {
        elementwise({ stableSigmoid($0) }, { _, y in y * (1 - y) })
    }

    /// Hyperbolic tangent.
    public func tanh() -> Tensor {
        elementwise({ Foundation.tanh($0) }, { _, y in 1 - y * y })
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
            return elementwise({ x in 0.5 * x * (1 + Foundation.tanh(c * (x + k * x * x * x))) }, { x, _ in
                let t = Foundation.tanh(c * (x + k * x * x * x))
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * k * x * x)
            })
        }
        let invSqrt2: Float = 0.707_106_78, invSqrt2Pi: Float = 0.398_942_28
        return elementwise({ x in 0.5 * x * (1 + Foundation.erf(x * invSqrt2)) }, { x, _ in
            0.5 * (1 + Foundation.erf(x * invSqrt2)) + x * invSqrt2Pi * Foundation.exp(-0.5 * x * x)
        })
    }
}

/// Sigmoid that only ever exponentiates a non-positive number, so it never overflows.
@inline(__always)
func stableSigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
}
