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
        // Each element on its own, so splitting the range over the worker pool cannot change a digit.
        WorkerPool.forRanges(n) { r in
            for i in r {
                let gi = g[i] * scale
                let mi = m[i] + (gi - m[i]) * b1, vi = v[i] + (gi * gi - v[i]) * b2
                m[i] = mi
                v[i] = vi
                w[i] -= (mi * alpha) / (vi.squareRoot() + eps)
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
