import NN

/// Adam with decoupled weight decay (Loshchilov & Hutter).
public typealias AdamWOptions = AdamFamilyOptions<AdamWUpdate>

/// AdamW's update rule: the decay shrinks the weights instead of joining the gradient.
public enum AdamWUpdate: AdamRule {
    public static let name = "adamw", summary = "Adam with decoupled weight decay (Loshchilov & Hutter)."
    public static let weightDecay = "decoupled: shrinks the weights, not the gradient"
    public static var make: (Float, Float, Float, Float, Float, Float?) -> Optimizer {
        { AdamW(learningRate: $0, weightDecay: $4, beta1: $1, beta2: $2, epsilon: $3, globalClipNorm: $5) }
    }
}
