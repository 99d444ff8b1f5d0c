/// Where the dataset lives and how it is split. Paths other than `root` are relative to `root`; `root` is relative
/// to the directory soundlab runs from.
public struct DataConfig: Sendable, Equatable {
    /// Dataset folder.
    public var root: String = "Animals_Sounds"
    /// Training folder under `root`, one subfolder per class.
    public var train: String = "Training"
    /// Test folder under `root`, one subfolder per class.
    public var test: String = "Test"
    /// Background-noise folder under `root` (the default for noise augmentation).
    public var noise: String = "Noise/wind"
    /// Fraction of each training class held out for validation (stratified), in [0, 1).
    public var validationFraction: Double = 0.2
    /// The classes to use, in label order; `nil` means every class folder under `train`, sorted.
    public var classes: [String]? = nil

    /// The defaults.
    public init() {}

    static var schema: ConfigSchema<DataConfig> {
        ConfigSchema([
            .string("root", \.root, "relative to the directory soundlab runs from; must exist"),
            .string("train", \.train, "one folder per class; must exist and hold class folders"),
            .string("test", \.test, "must exist"),
            .string("noise", \.noise, "background noise clips; must exist; default folder of `noise` augmentation"),
            .number("validation_fraction", \.validationFraction, .halfOpen(0, 1),
                    "per class (stratified) share of `train` held out; `0` trains on every clip (then nothing can be monitored); the run's `split.csv` lists where each clip went"),
            .scalar("classes", type: "list of strings or null", note: "restricts and orders the labels; each must be a folder of `train`; null = every class folder of `train`, sorted",
                    read: { r, data in data.classes = r.stringList("classes") },
                    write: { $0.classes.map(Resolved.strings) ?? Resolved.null }),
        ], check: { data, r in
            if let classes = data.classes {
                if classes.isEmpty { r.report("classes", "\(r.field("classes")) must list at least one class (or be left out)") }
                var seen: Set<String> = []
                for c in classes where !seen.insert(c).inserted {
                    r.report("classes", "\(r.field("classes")) lists '\(c)' twice")
                }
            }
            let checks = r.context.checks
            checks.root = (data.root, r.field("root"), r.location(of: "root"))
            checks.require(data.train, field: r.field("train"), at: r.location(of: "train"))
            checks.require(data.test, field: r.field("test"), at: r.location(of: "test"))
            checks.require(data.noise, field: r.field("noise"), at: r.location(of: "noise"))
            checks.trainFolder = (data.train, r.location(of: "train"))
            if let classes = data.classes { checks.classes = (classes, r.field("classes"), r.location(of: "classes")) }
            // Later sections default to these folders and depend on the validation split.
            r.context.data = data
        })
    }
}
