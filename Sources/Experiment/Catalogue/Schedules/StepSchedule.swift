import NN

/// `lr * gamma^floor(epoch / step_size)`.
public struct StepSchedule: ScheduleEntry {
    /// Epochs between decays.
    public var stepSize = 10
    /// Multiplier at each decay.
    public var gamma = 0.1

    public static var about: EntryAbout<Self> {
        EntryAbout("step", "`lr * gamma^floor(epoch / step_size)`.", Self(), [
            .int("step_size", \.stepSize, .atLeast(1), "epochs between decays"),
            .number("gamma", \.gamma, .openClosed(0, 1), "multiplier at each decay"),
        ])
    }

    public func makeController(learningRate: Float, epochs: Int) -> LearningRateController {
        LearningRateController(schedule: .step(initial: learningRate, every: stepSize, factor: Float(gamma)))
    }
}
