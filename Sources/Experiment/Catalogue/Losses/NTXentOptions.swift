import NN

/// SimCLR's NT-Xent contrastive loss (NN's `NTXentLoss`): a stage with it trains without labels on two augmented
/// views of each clip, through the model's projection head (`model.projection`). It scores no logits, so such a
/// stage reports no validation loss.
public struct NTXentOptions: LossEntry {
    /// Temperature of the cosine similarities.
    public var temperature = 0.5

    public static var about: EntryAbout<Self> {
        EntryAbout("ntxent", "SimCLR's NT-Xent over the projections of two augmented views of each clip; labels are not used "
                   + "(needs model.projection).", Self(),
                   [.number("temperature", \.temperature, .greaterThan(0), "SimCLR uses 0.1 to 0.5")])
    }

    public func makeLosses(classWeights: [Float]?) throws -> TrainingLosses { throw UnavailableLossError(self) }

    /// The loss on two views' projections.
    var loss: NTXentLoss { NTXentLoss(temperature: Float(temperature)) }
}
