import NN

/// Focal loss (Lin et al.): cross-entropy scaled by (1 - p)^gamma.
public struct FocalOptions: LossEntry {
    /// Focusing exponent.
    public var gamma = 2.0
    /// Balancing factor; `nil` takes Keras's 0.25.
    public var alpha: Double? = nil

    public static var about: EntryAbout<Self> {
        EntryAbout("focal", "Focal loss (Lin et al.), cross-entropy scaled by (1 - p)^gamma; class weights do not apply.",
                   Self(), [
                       .number("gamma", \.gamma, .atLeast(0), "focusing exponent"),
                       .optionalNumber("alpha", \.alpha, .openClosed(0, 1), "balancing factor; null = 0.25 (Keras)"),
                   ])
    }

    public func makeLosses(classWeights: [Float]?) -> TrainingLosses {
        let focal = FocalLoss(gamma: Float(gamma), alpha: Float(alpha ?? 0.25))
        return TrainingLosses(train: { focal(logits: $0, targets: $1) }, validation: { focal(logits: $0, targets: $1) })
    }
}
