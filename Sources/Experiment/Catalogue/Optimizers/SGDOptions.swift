import NN

/// Stochastic gradient descent, optionally with (Nesterov) momentum.
public struct SGDOptions: OptimizerEntry {
    /// L2 penalty added to the gradient.
    public var weightDecay = 0.0
    /// Momentum.
    public var momentum = 0.0
    /// Whether the momentum is Nesterov's.
    public var nesterov = false

    public static var about: EntryAbout<Self> {
        EntryAbout("sgd", "Stochastic gradient descent, optionally with (Nesterov) momentum.", Self(), [
            .number("weight_decay", \.weightDecay, .atLeast(0), "L2 penalty added to the gradient"),
            .number("momentum", \.momentum, .halfOpen(0, 1)),
            .bool("nesterov", \.nesterov, "Nesterov momentum"),
        ])
    }

    public func makeOptimizer(learningRate: Float, clipNorm: Float?) -> Optimizer {
        SGD(learningRate: learningRate, momentum: Float(momentum), nesterov: nesterov,
            weightDecay: Float(weightDecay), globalClipNorm: clipNorm)
    }
}
