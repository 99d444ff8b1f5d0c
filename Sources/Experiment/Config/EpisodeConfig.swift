/// `train.episodes`: how a prototypical stage draws its N-way K-shot episodes (Snell et al. 2017).
public struct EpisodeConfig: Sendable, Equatable {
    /// Classes per episode.
    public var ways: Int = 5
    /// Support clips per class.
    public var shots: Int = 5
    /// Query clips per class (fewer for a class that has fewer clips left after its support).
    public var queries: Int = 5
    /// Episodes per epoch, each one optimisation step.
    public var perEpoch: Int = 100

    /// The defaults.
    public init() {}

    static var schema: ConfigSchema<EpisodeConfig> {
        ConfigSchema([
            .int("ways", \.ways, .between(2, 10_000), "classes per episode"),
            .int("shots", \.shots, .between(1, 10_000), "support clips per class"),
            .int("queries", \.queries, .between(1, 10_000), "query clips per class, fewer when a class has fewer left"),
            .int("per_epoch", \.perEpoch, .between(1, 1_000_000), "episodes (optimisation steps) per epoch"),
        ])
    }
}
