import NN

/// Linear warm-up, then cosine decay from `lr` to `min_lr` at the last epoch.
public struct CosineSchedule: ScheduleEntry {
    /// Epochs of linear warm-up from 0 to `lr`.
    public var warmupEpochs = 0
    /// The rate at the last epoch.
    public var minLR = 0.0

    public static var about: EntryAbout<Self> {
        let warmup = ConfigKey<Self>.int("warmup_epochs", \.warmupEpochs, .atLeast(0), "less than `train.epochs`")
        return EntryAbout("cosine", "Linear warm-up from 0 to `lr`, then cosine decay to `min_lr` at the last epoch.",
                          Self(), [warmup, .number("min_lr", \.minLR, .atLeast(0), "floor of the learning rate")])
    }

    public func problem(epochs: Int) -> (key: String, message: String)? {
        guard warmupEpochs >= epochs, warmupEpochs > 0 else { return nil }
        return ("warmup_epochs", "must be less than train.epochs (\(epochs)), got \(warmupEpochs)")
    }

    public func makeController(learningRate: Float, epochs: Int) -> LearningRateController {
        LearningRateController(schedule: .cosine(initial: learningRate, warmupEpochs: Double(warmupEpochs),
                                                 totalEpochs: Double(epochs), minimum: Float(minLR)))
    }
}
