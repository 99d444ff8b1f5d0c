import NN

/// One optimiser of the Adam family: its name, what it does, and how it applies weight decay.
public protocol AdamRule: Sendable {
    /// The YAML name.
    static var name: String { get }
    /// What it does, for the docs.
    static var summary: String { get }
    /// How it applies `weight_decay`, for the docs.
    static var weightDecay: String { get }
    /// Builds it from learning rate, beta1, beta2, epsilon, weight decay and clip norm.
    static var make: (Float, Float, Float, Float, Float, Float?) -> Optimizer { get }
}
