/// How the model is trained.
public struct TrainConfig: Sendable, Equatable {
    /// Passes over the training set.
    public var epochs: Int = 30
    /// Examples per optimisation step.
    public var batchSize: Int = 32
    /// Optimiser and its hyper-parameters.
    public var optimizer = OptimizerConfig()
    /// Learning-rate schedule.
    public var schedule = ScheduleConfig()
    /// Loss function.
    public var loss = LossConfig()
    /// Per-class loss weights.
    public var classWeights: ClassWeights = .unweighted
    /// How batches are drawn from the training set.
    public var sampler: any SamplerEntry = ShuffleSampler.defaults
    /// When to stop before `epochs`.
    public var earlyStopping = EarlyStoppingConfig()
    /// When to write resumable checkpoints.
    public var checkpoint = CheckpointConfig()

    /// The defaults.
    public init() {}

    public static func == (a: TrainConfig, b: TrainConfig) -> Bool {
        a.epochs == b.epochs && a.batchSize == b.batchSize && a.optimizer == b.optimizer && a.schedule == b.schedule
            && a.loss == b.loss && a.classWeights == b.classWeights && Catalogues.samplers.same(a.sampler, b.sampler)
            && a.earlyStopping == b.earlyStopping && a.checkpoint == b.checkpoint
    }

    static var schema: ConfigSchema<TrainConfig> {
        ConfigSchema([
            .int("epochs", \.epochs, .between(1, 100_000)),
            .int("batch_size", \.batchSize, .between(1, 4096)),
            .section("optimizer", \.optimizer, OptimizerConfig.schema),
            .section("schedule", \.schedule, ScheduleConfig.schema),
            .section("loss", \.loss, LossConfig.schema),
            ClassWeights.key(\.classWeights),
            .entryChoice("sampler", \.sampler, Catalogues.samplers, "how each epoch's order is drawn; see below"),
            .section("early_stopping", \.earlyStopping, EarlyStoppingConfig.schema),
            .section("checkpoint", \.checkpoint, CheckpointConfig.schema),
        ], check: { train, r in
            if let problem = train.schedule.entry.problem(epochs: train.epochs) {
                let s = r.child("schedule")
                s.report(problem.key, "\(s.field(problem.key)) \(problem.message)")
            }
        })
    }
}
