/// `evaluate.few_shot`: few-shot accuracy of a model's embedding. For each number of shots k and each of `draws`
/// draws, k random training clips per class give one prototype per class (their mean embedding), and the headline
/// set is classified by the nearest prototype.
public struct FewShotConfig: Sendable, Equatable {
    /// Clips per class in each draw.
    public var shots: [Int] = [1, 5]
    /// Draws per number of shots.
    public var draws: Int = 100

    /// The defaults.
    public init() {}

    static var schema: ConfigSchema<FewShotConfig> {
        ConfigSchema([
            .intList("shots", \.shots, .between(1, 10_000), "clips per class in a draw, one result per value"),
            .int("draws", \.draws, .between(1, 100_000), "random draws averaged per number of shots"),
        ], check: { c, r in
            if c.shots.isEmpty { r.report("shots", "\(r.field("shots")) must list at least one number of shots") }
        })
    }
}
