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

    init(_ r: ConfigReader, checks: FolderChecks) {
        root = r.string("root", default: root)
        train = r.string("train", default: train)
        test = r.string("test", default: test)
        noise = r.string("noise", default: noise)
        validationFraction = r.double("validation_fraction", default: validationFraction, .halfOpen(0, 1))
        classes = r.stringList("classes")
        if let classes {
            if classes.isEmpty { r.report("classes", "\(r.field("classes")) must list at least one class (or be left out)") }
            var seen: Set<String> = []
            for c in classes where !seen.insert(c).inserted {
                r.report("classes", "\(r.field("classes")) lists '\(c)' twice")
            }
        }
        r.finish()

        checks.root = (root, r.field("root"), r.location(of: "root"))
        checks.require(train, field: r.field("train"), at: r.location(of: "train"))
        checks.require(test, field: r.field("test"), at: r.location(of: "test"))
        checks.require(noise, field: r.field("noise"), at: r.location(of: "noise"))
        checks.trainFolder = (train, r.location(of: "train"))
        if let classes { checks.classes = (classes, r.field("classes"), r.location(of: "classes")) }
    }

    var resolved: ConfigValue {
        Resolved.map([
            ("root", Resolved.string(root)),
            ("train", Resolved.string(train)),
            ("test", Resolved.string(test)),
            ("noise", Resolved.string(noise)),
            ("validation_fraction", Resolved.number(validationFraction)),
            ("classes", classes.map(Resolved.strings) ?? Resolved.null),
        ])
    }
}
