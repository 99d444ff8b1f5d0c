/// Keras 3 SGD: v = momentum·v − lr·g; w += v (or, Nesterov, w += momentum·v − lr·g); plain w −= lr·g without momentum.
public final class SGD: Optimizer {
    /// Momentum coefficient (0 = none).
    public let momentum: Float
    /// Nesterov look-ahead.
    public let nesterov: Bool

    /// SGD with Keras defaults (lr 0.01, no momentum).
    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false,
                weightDecay: Float = 0, globalClipNorm: Float? = nil) {
        precondition(momentum >= 0 && momentum < 1, "SGD: momentum must be in [0, 1)")
        self.momentum = momentum
        self.nesterov = nesterov
        super.init(learningRate: learningRate, weightDecay: weightDecay, globalClipNorm: globalClipNorm)
    }

    override public var typeName: String { "SGD" }
    override var slotNames: [String] { momentum != 0 ? ["momentum"] : [] }

    override func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ scale: Float, _ n: Int,
                         _ slots: [UnsafeMutablePointer<Float>]) {
        let lr = learningRate
        if momentum == 0 {
            for i in 0..<n { w[i] -= lr * (g[i] * scale) }
            return
        }
        let v = slots[0], mu = momentum
        for i in 0..<n {
            let gi = g[i] * scale
            v[i] = v[i] * mu - gi * lr
            w[i] += nesterov ? v[i] * mu - gi * lr : v[i]
        }
    }
}
