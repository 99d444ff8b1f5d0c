import NN

/// Softmax cross-entropy, with optional label smoothing.
public struct CrossEntropyOptions: LossEntry {
    /// Label smoothing.
    public var labelSmoothing = 0.0

    public static var about: EntryAbout<Self> {
        EntryAbout("cross_entropy", "Softmax cross-entropy; class weights multiply each sample's loss.", Self(),
                   [.number("label_smoothing", \.labelSmoothing, .halfOpen(0, 1))])
    }

    public func makeLosses(classWeights: [Float]?) -> TrainingLosses {
        let weighted = SoftmaxCrossEntropy(classWeights: classWeights, labelSmoothing: Float(labelSmoothing))
        let plain = SoftmaxCrossEntropy(classWeights: nil, labelSmoothing: Float(labelSmoothing))
        return TrainingLosses(train: { weighted(logits: $0, targets: $1) }, validation: { plain(logits: $0, targets: $1) })
    }
}
