import NN

/// `train.optimizer`: which optimiser, the learning rate and clipping every one of them takes, and its own options.
public struct OptimizerConfig: Sendable, Equatable {
    /// The optimiser and its own options.
    public var entry: any OptimizerEntry = AdamOptions.defaults
    /// Base learning rate.
    public var lr = 1e-3
    /// Global gradient-norm clip; `nil` = no clipping.
    public var clipNorm: Double? = nil

    /// The defaults.
    public init() {}

    public static func == (a: OptimizerConfig, b: OptimizerConfig) -> Bool {
        a.lr == b.lr && a.clipNorm == b.clipNorm && Catalogues.optimizers.same(a.entry, b.entry)
    }

    static var schema: ConfigSchema<OptimizerConfig> {
        ConfigSchema([
            .entryName("type", \.entry, Catalogues.optimizers, "options per optimiser below"),
            .number("lr", \.lr, .greaterThan(0), "base learning rate"),
            .entryOptions(\.entry, Catalogues.optimizers),
            .optionalNumber("clip_norm", \.clipNorm, .greaterThan(0), "global gradient-norm clip; null = none"),
        ])
    }

    func makeOptimizer() -> Optimizer {
        entry.makeOptimizer(learningRate: Float(lr), clipNorm: clipNorm.map(Float.init))
    }
}
