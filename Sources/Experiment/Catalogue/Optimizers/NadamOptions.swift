import NN

/// Adam with Nesterov momentum (Dozat).
public typealias NadamOptions = AdamFamilyOptions<NadamUpdate>

/// Nadam's update rule.
public enum NadamUpdate: AdamRule {
    public static let name = "nadam", summary = "Adam with Nesterov momentum (Dozat)."
    public static let weightDecay = "L2 penalty added to the gradient"
    public static var make: (Float, Float, Float, Float, Float, Float?) -> Optimizer {
        Nadam.init(learningRate:beta1:beta2:epsilon:weightDecay:globalClipNorm:)
    }
}
