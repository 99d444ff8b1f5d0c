import NN

/// The options the Adam family shares; `Rule` names the optimiser and builds it from them.
public struct AdamFamilyOptions<Rule: AdamRule>: OptimizerEntry {
    /// First-moment decay.
    public var beta1 = 0.9
    /// Second-moment decay.
    public var beta2 = 0.999
    /// Denominator guard (Keras's default).
    public var epsilon = 1e-7
    /// Weight decay, as `Rule` applies it.
    public var weightDecay = 0.0

    public static var about: EntryAbout<Self> {
        EntryAbout(Rule.name, Rule.summary, Self(), [
            .number("beta1", \.beta1, .halfOpen(0, 1), "first-moment decay"),
            .number("beta2", \.beta2, .halfOpen(0, 1), "second-moment decay"),
            .number("epsilon", \.epsilon, .greaterThan(0), "denominator guard"),
            .number("weight_decay", \.weightDecay, .atLeast(0), Rule.weightDecay),
        ])
    }

    public func makeOptimizer(learningRate: Float, clipNorm: Float?) -> Optimizer {
        Rule.make(learningRate, Float(beta1), Float(beta2), Float(epsilon), Float(weightDecay), clipNorm)
    }
}
