import NN

/// The prototypical-network loss (NN's `PrototypicalLoss`): a stage with it trains in N-way K-shot episodes
/// (`train.episodes`), each query classified by its distance to the mean embedding of each class's support clips.
/// The model ends in a `nearest_prototype` layer, so validation is the cross-entropy of the distances to the
/// prototypes of all training clips (class weights do not apply: episodes balance the classes).
public struct PrototypicalOptions: LossEntry {
    public static var about: EntryAbout<Self> {
        EntryAbout("prototypical", "Prototypical networks in episodes (train.episodes): queries classified by distance to the "
                   + "mean embedding of each class's support clips (needs a final nearest_prototype layer).", Self())
    }

    public func makeLosses(classWeights: [Float]?) -> TrainingLosses {
        let plain = SoftmaxCrossEntropy(classWeights: nil, labelSmoothing: 0)
        return TrainingLosses(train: { plain(logits: $0, targets: $1) }, validation: { plain(logits: $0, targets: $1) })
    }
}
