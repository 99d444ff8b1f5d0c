/// `train.schedule`: how the learning rate moves over training.
public struct ScheduleConfig: CatalogueSection, Sendable {
    /// The schedule and its options.
    public var entry: any ScheduleEntry = ConstantSchedule.defaults
    public static var catalogue: Catalogue<any ScheduleEntry> { Catalogues.schedules }

    /// The defaults.
    public init() {}
}
