import Foundation
import TensorCore

/// Keras 3 Adam: m += (g − m)(1 − β1); v += (g² − v)(1 − β2); w −= α·m/(√v + ε) with
/// α = lr·√(1 − β2^t)/(1 − β1^t), t = iterations + 1. Weight decay, when set, is decoupled (AdamW).
public class Adam: Optimizer {
    /// First-moment decay.
    public let beta1: Float
    /// Second-moment decay.
    public let beta2: Float
    /// Added to √v (Keras default 1e-7).
    public let epsilon: Float

    /// Adam with Keras defaults (lr 1e-3, β 0.9/0.999, ε 1e-7, no weight decay).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                weightDecay: Float = 0, globalClipNorm: Float? = nil) {
        precondition(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon >= 0, "Adam: betas in [0, 1), epsilon >= 0")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        super.init(learningRate: learningRate, weightDecay: weightDecay, globalClipNorm: globalClipNorm)
    }

    override public var typeName: String { "Adam" }
    override var slotNames: [String] { ["m", "v"] }

    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ scale: Float, _ n: Int,
                         _ slots: [UnsafeMutablePointer<Float>]) {
        let t = Float(iterations + 1)
        let alpha = learningRate * (1 - Foundation.pow(beta2, t)).squareRoot() / (1 - Foundation.pow(beta1, t))
        let m = slots[0], v = slots[1], b1 = 1 - beta1, b2 = 1 - beta2, eps = epsilon
        // Each element on its own, so splitting the range over the worker pool cannot change a digit. Eight lanes
        // at a time by hand (the compiler keeps this loop scalar); the same IEEE operations in the same order, so
        // the lanes give exactly the scalar tail's results.
        WorkerPool.forRanges(n) { r in
            var i = r.lowerBound
            while i + 8 <= r.upperBound {
                let gi = SIMD8<Float>(load: g + i) * scale, m0 = SIMD8<Float>(load: m + i), v0 = SIMD8<Float>(load: v + i)
                let mi = m0 + (gi - m0) * b1, vi = v0 + (gi * gi - v0) * b2
                mi.store(to: m + i)
                vi.store(to: v + i)
                (SIMD8<Float>(load: w + i) - (mi * alpha) / (vi.squareRoot() + eps)).store(to: w + i)
                i += 8
            }
            while i < r.upperBound {
                let gi = g[i] * scale
                let mi = m[i] + (gi - m[i]) * b1, vi = v[i] + (gi * gi - v[i]) * b2
                m[i] = mi
                v[i] = vi
                w[i] -= (mi * alpha) / (vi.squareRoot() + eps)
                i += 1
            }
        }
    }
}

/// Keras 3 AdamW: Adam with decoupled weight decay, default 0.004.
public final class AdamW: Adam {
    /// AdamW with Keras defaults (lr 1e-3, weight decay 0.004).
    public init(learningRate: Float = 1e-3, weightDecay: Float = 0.004, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-7, globalClipNorm: Float? = nil) {
        super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                   weightDecay: weightDecay, globalClipNorm: globalClipNorm)
    }

    override public var typeName: String { "AdamW" }
}

extension SIMD8 where Scalar == Float {
    /// Eight floats from `p` (any alignment).
    @inline(__always) init(load p: UnsafePointer<Float>) { self = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    /// Eight floats from `p` (any alignment).
    @inline(__always) init(load p: UnsafeMutablePointer<Float>) { self.init(load: UnsafePointer(p)) }
    /// Writes the eight lanes to `p` (any alignment).
    @inline(__always) func store(to p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: self, as: SIMD8<Float>.self) }
}
