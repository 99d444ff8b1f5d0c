/// Early stopping on a validation metric.
public struct EarlyStoppingConfig: Sendable, Equatable {
    /// The metrics that can be monitored.
    public enum Monitor: String, Sendable, CaseIterable {
        /// Validation loss (lower is better).
        case valLoss = "val_loss"
        /// Validation accuracy (higher is better).
        case valAccuracy = "val_accuracy"
        /// Validation macro F1 (higher is better).
        case valMacroF1 = "val_macro_f1"
    }
    /// Metric watched.
    public var monitor: Monitor = .valLoss
    /// Epochs without improvement before stopping; `nil` = never stop early.
    public var patience: Int? = nil
    /// Smallest change that counts as an improvement.
    public var minDelta: Double = 0
    /// Whether the best epoch's weights are restored at the end.
    public var restoreBest: Bool = true

    /// The defaults.
    public init() {}

    static var schema: ConfigSchema<EarlyStoppingConfig> {
        ConfigSchema([
            .choice("monitor", \.monitor),
            .optionalInt("patience", \.patience, .atLeast(1), "null = no early stopping"),
            .number("min_delta", \.minDelta, .atLeast(0), "smallest change that counts as an improvement"),
            .bool("restore_best", \.restoreBest, "with a `patience`, end with the weights of the best epoch on "
                  + "`monitor` (as Keras's `restore_best_weights`); without early stopping the last epoch's are kept"),
        ], check: { stopping, r in
            if stopping.patience != nil, !r.context.hasValidation {
                r.report("patience", "\(r.field("patience")) needs validation clips to monitor, but data.validation_fraction is 0")
            }
        })
    }
}
