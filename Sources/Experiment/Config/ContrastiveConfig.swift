import NN

/// `train.contrastive`: a contrastive term added to the stage's classification loss (CLAR, Al-Tahan &
/// Mohsenzadeh 2021): each batch is seen in two augmented views, and `weight` × NT-Xent of their projections
/// is added to the cross-entropy of the first view.
public struct ContrastiveConfig: Sendable, Equatable {
    /// Weight of the NT-Xent term.
    public var weight: Double = 1
    /// NT-Xent temperature.
    public var temperature: Double = 0.5

    /// The defaults.
    public init() {}

    /// The NT-Xent term's loss.
    var loss: NTXentLoss { NTXentLoss(temperature: Float(temperature)) }

    static var schema: ConfigSchema<ContrastiveConfig> {
        ConfigSchema([
            .number("weight", \.weight, .greaterThan(0), "weight of NT-Xent beside the classification loss"),
            .number("temperature", \.temperature, .greaterThan(0), "NT-Xent temperature; SimCLR uses 0.1 to 0.5"),
        ])
    }
}
