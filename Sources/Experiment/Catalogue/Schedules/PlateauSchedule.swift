import NN

/// Multiplies the rate by `factor` after `patience` epochs without a lower validation loss, down to `min_lr`.
public struct PlateauSchedule: ScheduleEntry {
    /// Floor of the learning rate.
    public var minLR = 0.0
    /// Epochs without improvement before decaying.
    public var patience = 5
    /// Multiplier at each decay.
    public var factor = 0.5

    public static var about: EntryAbout<Self> {
        EntryAbout("plateau", "Multiply by `factor` after `patience` epochs without a lower validation loss, down to "
                   + "`min_lr`; needs validation clips.", Self(), [
            .number("min_lr", \.minLR, .atLeast(0), "floor of the learning rate"),
            .int("patience", \.patience, .atLeast(1), "epochs without improvement"),
            .number("factor", \.factor, .openClosed(0, 1), "multiplier at each decay"),
        ], check: { _, r in
            if !r.context.hasValidation {
                r.report("type", "\(r.field("type")) plateau watches the validation loss, but data.validation_fraction is 0 "
                         + "(no validation clips)")
            }
        })
    }

    public func makeController(learningRate: Float, epochs: Int) -> LearningRateController {
        let plateau = ReduceLROnPlateau(factor: Float(factor), patience: patience, minLearningRate: Float(minLR))
        return LearningRateController(schedule: .constant(learningRate), plateau: plateau)
    }
}
