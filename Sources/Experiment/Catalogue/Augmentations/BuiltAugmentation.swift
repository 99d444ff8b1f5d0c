import Augment

/// A built augmentation: a stage of the per-clip pipeline, or a batch transform the trainer applies.
public enum BuiltAugmentation {
    /// Per clip, in list order.
    case stage(AugmentPipeline.Stage)
    /// Per batch.
    case batch(Mixup)
}
