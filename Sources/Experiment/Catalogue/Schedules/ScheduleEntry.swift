import NN

/// A learning-rate schedule `train.schedule.type` can name.
public protocol ScheduleEntry: CatalogueEntry {
    /// What is wrong with these options for a run of `epochs` epochs: the key and the message after its name.
    func problem(epochs: Int) -> (key: String, message: String)?
    /// The rates over training, starting from the optimiser's `learningRate`.
    func makeController(learningRate: Float, epochs: Int) -> LearningRateController
}

extension ScheduleEntry {
    public func problem(epochs: Int) -> (key: String, message: String)? { nil }
}

extension Catalogues {
    /// The learning-rate schedules.
    public static var schedules: Catalogue<any ScheduleEntry> {
        Catalogue(kind: "schedule", plural: "schedules", erase: { $0 },
                  [ConstantSchedule.self, StepSchedule.self, CosineSchedule.self, PlateauSchedule.self],
                  layout: ResolvedLayout(entries: ["constant", "step", "cosine", "plateau"], keys: [
                      ("warmup_epochs", Resolved.int(0)), ("step_size", Resolved.int(10)), ("gamma", Resolved.number(0.1)),
                      ("min_lr", Resolved.number(0)), ("patience", Resolved.int(5)), ("factor", Resolved.number(0.5)),
                  ]))
    }
}
