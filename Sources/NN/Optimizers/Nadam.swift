import Foundation

/// Keras 3 Nadam: μ_t = β1(1 − ½·0.96^t), Π_t = Π_{t−1}·μ_t (kept across steps),
/// m̂ = μ_{t+1}·m/(1 − Π_t·μ_{t+1}) + (1 − μ_t)·g/(1 − Π_t), v̂ = v/(1 − β2^t), w −= lr·m̂/(√v̂ + ε).
public final class Nadam: Optimizer {
    /// First-moment decay.
    public let beta1: Float
    /// Second-moment decay.
    public let beta2: Float
    /// Added to √v̂.
    public let epsilon: Float
    /// Π_t, the running product of the momentum schedule.
    private var uProduct: Float = 1

    /// Nadam with Keras defaults (lr 1e-3, β 0.9/0.999, ε 1e-7).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7,
                weightDecay: Float = 0, globalClipNorm: Float? = nil) {
        precondition(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && epsilon >= 0, "Nadam: betas in [0, 1), epsilon >= 0")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        super.init(learningRate: learningRate, weightDecay: weightDecay, globalClipNorm: globalClipNorm)
    }

    override public var typeName: String { "Nadam" }
    override var slotNames: [String] { ["m", "v"] }
    override var scalarState: [String: Float] {
        get { ["u_product": uProduct] }
        set { uProduct = newValue["u_product"] ?? 1 }
    }

    private func mu(_ t: Float) -> Float { beta1 * (1 - 0.5 * Foundation.pow(Float(0.96), t)) }

    override func beginStep() { uProduct *= mu(Float(iterations + 1)) }

    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ scale: Float, _ n: Int,
                         _ slots: [UnsafeMutablePointer<Float>]) {
        let t = Float(iterations + 1)
        let ut = mu(t), ut1 = mu(t + 1), prod = uProduct, prod1 = prod * ut1
        let b2pow = Foundation.pow(beta2, t), lr = learningRate, eps = epsilon
        let m = slots[0], v = slots[1], b1 = 1 - beta1, b2 = 1 - beta2
        for i in 0..<n {
            let gi = g[i] * scale
            m[i] += (gi - m[i]) * b1
            v[i] += (gi * gi - v[i]) * b2
            let mHat = ut1 * m[i] / (1 - prod1) + (1 - ut) * gi / (1 - prod)
            let vHat = v[i] / (1 - b2pow)
            w[i] -= (mHat * lr) / (vHat.squareRoot() + eps)
        }
    }
}
