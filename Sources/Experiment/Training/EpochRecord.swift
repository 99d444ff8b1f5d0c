/// What one training epoch measured (a row of `metrics/history.csv`).
public struct EpochRecord: Codable, Equatable, Sendable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss over the epoch's batches (dropout and augmentation active, as Keras reports it).
    public var loss: Double
    /// Training accuracy over the epoch.
    public var accuracy: Double
    /// Validation loss (no class weights), nil without a validation split.
    public var valLoss: Double?
    /// Validation accuracy.
    public var valAccuracy: Double?
    /// Validation macro F1.
    public var valMacroF1: Double?
    /// Learning rate used in the epoch.
    public var lr: Double
    /// Wall-clock seconds of the epoch (training and validation).
    public var seconds: Double
}

/// Named streams under the experiment seed; a new purpose never shifts the draws of another.
enum StreamPurpose: UInt64 {
    case epochOrder = 1, dropout = 2, mixup = 3, waveAugment = 4, specAugment = 5, split = 6, initialWeights = 7
}
