import NN

/// Adam (Kingma & Ba) with an optional L2 penalty.
public typealias AdamOptions = AdamFamilyOptions<AdamUpdate>

/// Adam's update rule.
public enum AdamUpdate: AdamRule {
    public static let name = "adam", summary = "Adam (Kingma & Ba).", weightDecay = "L2 penalty added to the gradient"
    public static var make: (Float, Float, Float, Float, Float, Float?) -> Optimizer {
        Adam.init(learningRate:beta1:beta2:epsilon:weightDecay:globalClipNorm:)
    }
}
