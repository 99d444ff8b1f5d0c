import NN

/// The optimiser's `lr` throughout.
public struct ConstantSchedule: ScheduleEntry {
    public static var about: EntryAbout<Self> { EntryAbout("constant", "`lr` throughout.", Self()) }

    public func makeController(learningRate: Float, epochs: Int) -> LearningRateController {
        LearningRateController(schedule: .constant(learningRate))
    }
}
