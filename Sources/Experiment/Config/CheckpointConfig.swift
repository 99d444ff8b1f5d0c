/// Checkpoint cadence.
public struct CheckpointConfig: Sendable, Equatable {
    /// A resumable checkpoint is written every this many epochs.
    public var everyEpochs: Int = 1

    /// The defaults.
    public init() {}

    static var schema: ConfigSchema<CheckpointConfig> {
        ConfigSchema([.int("every_epochs", \.everyEpochs, .atLeast(1), "a resumable checkpoint every this many epochs")])
    }
}
