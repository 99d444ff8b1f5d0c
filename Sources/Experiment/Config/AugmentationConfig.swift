/// One training-time transform and the probability it is applied to an example. Evaluation bypasses all of them.
public struct AugmentationConfig: Sendable, Equatable {
    /// Probability in [0, 1] that the transform is applied to a given example.
    public var p: Double
    /// The transform and its settings.
    public var transform: any AugmentationEntry

    /// A transform applied with probability `p`.
    public init(p: Double = 1, transform: any AugmentationEntry) {
        self.p = p
        self.transform = transform
    }

    public static func == (a: AugmentationConfig, b: AugmentationConfig) -> Bool {
        a.p == b.p && Catalogues.augmentations.same(a.transform, b.transform)
    }

    static var schema: ConfigSchema<AugmentationConfig> {
        ConfigSchema([
            .entryName("type", \.transform, Catalogues.augmentations, required: true),
            .number("p", \.p, .between(0, 1), "probability that an example is transformed"),
            .entryOptions(\.transform, Catalogues.augmentations),
        ])
    }

    /// Reads one list item; `nil` when its type is missing or unknown (already reported).
    init?(_ r: ConfigReader) {
        var item = AugmentationConfig(transform: Catalogues.augmentations.first)
        Self.schema.read(r, into: &item)
        if r.abandoned { return nil }
        self = item
    }

    var resolved: YAMLValue { Self.schema.resolved(self) }

    /// The `augmentation` list of an experiment.
    static func listKey<Root>(_ path: WritableKeyPath<Root, [AugmentationConfig]>, key: String = "augmentation",
                              note: String = "applied in order during training; see below") -> ConfigKey<Root> {
        .scalar(key, type: "list of transforms", note: note,
                read: { r, root in
                    guard let list = r.present(key) else { return }
                    guard let items = list.items else {
                        r.sink.report(list.location, "\(r.field(key)) must be a list of transforms, got \(list)")
                        return
                    }
                    root[keyPath: path] = items.enumerated().compactMap {
                        AugmentationConfig(r.item($0.element, of: key, at: $0.offset))
                    }
                },
                write: { Resolved.list($0[keyPath: path].map(\.resolved)) })
    }
}
