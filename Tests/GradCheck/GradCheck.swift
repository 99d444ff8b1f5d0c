// Shared by the TensorCore and NN test targets: one gradient checker, so a fix to it reaches every op test.
import Testing
import TensorCore

/// Central finite differences against the analytic gradient.
///
/// The scalar under test is L = Σ f(inputs) · c for a fixed random cotangent c, summed in Double, so the
/// finite difference sees every output element and little Float32 rounding. The analytic side is
/// `backward(seed: c)`. Fails (with the worst element named) when |analytic − numeric| > atol + rtol·|numeric|.
public struct GradCheck {
    /// Finite-difference step.
    public var eps: Float = 1e-2
    /// Absolute tolerance.
    public var atol: Float = 1e-3
    /// Relative tolerance (of the numeric gradient).
    public var rtol: Float = 1e-2

    /// A check with the given step and tolerances.
    public init(eps: Float = 1e-2, atol: Float = 1e-3, rtol: Float = 1e-2) {
        self.eps = eps
        self.atol = atol
        self.rtol = rtol
    }

    /// Checks the gradient of `f` with respect to every input; returns the worst absolute error seen.
    @discardableResult
    public func check(_ inputs: [Tensor], seed: UInt64 = 7, sourceLocation: SourceLocation = #_sourceLocation,
               _ f: ([Tensor]) -> Tensor) -> Float {
        for x in inputs { x.setRequiresGrad(true); x.zeroGrad() }
        let out = f(inputs)
        var rng = RNG(seed: seed, stream: [99])
        let cot = Tensor(shape: out.shape, data: (0..<out.count).map { _ in rng.uniform(-1, 1) })
        out.backward(seed: cot)
        let c = cot.scalars
        func loss() -> Double {
            let y = Tensor.withoutGrad { f(inputs) }.scalars
            var s = 0.0
            for i in 0..<y.count { s += Double(y[i]) * Double(c[i]) }
            return s
        }
        var worst: Float = 0
        for (k, x) in inputs.enumerated() {
            let analytic = x.grad?.scalars ?? [Float](repeating: 0, count: x.count)
            for i in 0..<x.count {
                let orig = x.scalars[i]
                x.withUnsafeMutableBufferPointer { $0[i] = orig + eps }
                let up = loss()
                x.withUnsafeMutableBufferPointer { $0[i] = orig - eps }
                let down = loss()
                x.withUnsafeMutableBufferPointer { $0[i] = orig }
                let numeric = Float((up - down) / Double(2 * eps))
                let err = abs(analytic[i] - numeric)
                worst = max(worst, err)
                if err > atol + rtol * abs(numeric) {
                    Issue.record("input \(k) element \(i): analytic \(analytic[i]) vs numeric \(numeric)",
                                 sourceLocation: sourceLocation)
                    return worst
                }
            }
        }
        return worst
    }
}

/// Random tensor with values in [-1, 1) (or [low, high)) from a fixed stream.
public func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor(shape: shape, data: (0..<shape.reduce(1, *)).map { _ in rng.uniform(low, high) })
}
