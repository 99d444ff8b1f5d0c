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
    /// Weights (a run's `weights.safetensors`) loaded into the model, by name, before training starts.
    public var initFrom: String?
    /// Module paths (`backbone`, `head.0`, ...) whose parameters this training leaves as they are.
    public var freeze: [String] = []
    /// The episodes of a prototypical stage; nil takes `EpisodeConfig`'s defaults.
    public var episodes: EpisodeConfig?
    /// A contrastive term beside the classification loss (joint training); nil for none.
    public var contrastive: ContrastiveConfig?

    /// The defaults.
    public init() {}

    public static func == (a: TrainConfig, b: TrainConfig) -> Bool {
        a.epochs == b.epochs && a.batchSize == b.batchSize && a.optimizer == b.optimizer && a.schedule == b.schedule
            && a.loss == b.loss && a.classWeights == b.classWeights && Catalogues.samplers.same(a.sampler, b.sampler)
            && a.earlyStopping == b.earlyStopping && a.checkpoint == b.checkpoint && a.initFrom == b.initFrom && a.freeze == b.freeze
            && a.episodes == b.episodes && a.contrastive == b.contrastive
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
            .scalar("init_from", type: "path or null", note: "a run's weights.safetensors loaded by layer name before training; "
                    + "every tensor in it must be a parameter of the model with the same shape",
                    read: { r, c in
                        if let v = r.present("init_from"), !v.isNull { c.initFrom = r.checkedString(v, field: r.field("init_from")) }
                    },
                    write: { c in c.initFrom.map(Resolved.string) ?? Resolved.null }),
            .scalar("freeze", type: "list of module paths", note: "parameters under these paths (e.g. backbone, head.0) are not trained",
                    read: { r, c in c.freeze = r.stringList("freeze") ?? c.freeze },
                    write: { c in Resolved.strings(c.freeze) }),
            .optionalSection("episodes", \.episodes, EpisodeConfig.schema, defaults: EpisodeConfig(),
                             note: "N-way K-shot episodes of a prototypical loss"),
            .optionalSection("contrastive", \.contrastive, ContrastiveConfig.schema, defaults: ContrastiveConfig(),
                             note: "adds weight × NT-Xent over two augmented views to a classification loss (needs model.projection)"),
        ], check: { train, r in
            if let problem = train.schedule.entry.problem(epochs: train.epochs) {
                let s = r.child("schedule")
                s.report(problem.key, "\(s.field(problem.key)) \(problem.message)")
            }
        })
    }
}
