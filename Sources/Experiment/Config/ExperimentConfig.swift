import AudioFeatures
import Foundation

/// One experiment, fully resolved: `extends` merged, overrides applied, every default filled in, validated.
public struct ExperimentConfig: Sendable, Equatable {
    /// Experiment name (default: the file name without extension); names the run folder.
    public var name: String
    /// Every seed the experiment is run with (`seed: [42, 7]` runs it twice); never empty.
    public var seeds: [Int]
    /// Seed of every random generator in the run: the first of `seeds`; setting it makes it the only one.
    public var seed: Int {
        get { seeds[0] }
        set { seeds = [newValue] }
    }
    /// A base meant only to be extended: validated, but `make experiments` does not run it.
    public var isAbstract: Bool
    /// Dataset location and split.
    public var data: DataConfig
    /// Feature extraction.
    public var features: FeatureSettings
    /// Training-time transforms, applied in order.
    public var augmentation: [AugmentationConfig]
    /// The architecture (checked in detail by the graph builder).
    public var model: ModelConfig
    /// Training settings.
    public var train: TrainConfig
    /// Training stages run in order; empty, `train` is the one stage.
    public var stages: [StageConfig] = []
    /// Evaluation sets.
    public var evaluate: EvaluateConfig

    /// A config built in code (tests, tools); files go through `load`, which also validates.
    public init(name: String, seed: Int = 42, isAbstract: Bool = false, data: DataConfig = DataConfig(),
                features: FeatureSettings = FeatureSettings(), augmentation: [AugmentationConfig] = [],
                model: ModelConfig, train: TrainConfig = TrainConfig(), evaluate: EvaluateConfig? = nil) {
        self.name = name
        self.seeds = [seed]
        self.isAbstract = isAbstract
        self.data = data
        self.features = features
        self.augmentation = augmentation
        self.model = model
        self.train = train
        self.evaluate = evaluate ?? EvaluateConfig(sets: [EvaluationSet(name: "test", path: data.test)])
    }
}

extension ExperimentConfig {
    /// Loads the experiment at `path`: reads it and its bases, applies `overrides` (`train.epochs=5`), validates,
    /// and checks the data folders relative to `dataDirectory` (`nil` skips that check).
    /// Throws a `ConfigError` listing every problem found.
    public static func load(path: String, overrides: [String] = [], dataDirectory: String? = ".")
        throws(ConfigError) -> ExperimentConfig
    {
        let tree = try ConfigFileLoader.load(path: path)
        return try resolve(tree, name: ConfigPaths.stem(path), overrides: overrides, dataDirectory: dataDirectory)
    }

    /// Like `load`, for YAML already in memory; `file` names it in diagnostics and anchors relative `extends` paths.
    public static func parse(yaml: String, file: String, overrides: [String] = [], dataDirectory: String? = ".")
        throws(ConfigError) -> ExperimentConfig
    {
        let tree = try ConfigFileLoader.load(text: yaml, path: file)
        return try resolve(tree, name: ConfigPaths.stem(file), overrides: overrides, dataDirectory: dataDirectory)
    }

    /// The config as YAML with every field written out, in schema order: what a run folder stores as
    /// `config.yaml`, and (byte for byte) what identifies a configuration, so it is safe to hash.
    /// Parsing it gives back an equal config.
    public var resolvedYAML: String {
        YAMLWriting.emit(Self.schema.resolved(self))
    }

    static func resolve(_ merged: YAMLValue, name defaultName: String, overrides: [String],
                                dataDirectory: String?) throws(ConfigError) -> ExperimentConfig
    {
        var tree = merged
        var overrideProblems: [ConfigDiagnostic] = []
        for text in overrides {
            do {
                tree = try ConfigOverride(parsing: text).apply(to: tree)
            } catch {
                overrideProblems += error.diagnostics
            }
        }
        if !overrideProblems.isEmpty { throw ConfigError(overrideProblems) }

        let sink = DiagnosticSink()
        let context = ConfigContext()
        let root = ConfigReader(tree, path: "", fallback: tree.location, sink: sink, context: context)
        // Every key starts at its default; the empty model is replaced when `model` is read.
        var config = ExperimentConfig(name: defaultName, model: ModelConfig(inputShape: [], architecture: .sequential([])))
        schema.read(root, into: &config)
        if let dataDirectory, sink.isEmpty {
            context.checks.run(in: dataDirectory, sink: sink)
        }
        try sink.throwIfAny()
        return config
    }

    static var schema: ConfigSchema<ExperimentConfig> {
        ConfigSchema([
            .string("name", \.name, "names the run folder", shownDefault: "the file name without extension"),
            .scalar("seed", type: "int at least 0, or a list of distinct ones", note: "a list runs the experiment once per seed",
                    read: { r, c in c.seeds = readSeeds(r) },
                    write: { $0.seeds.count == 1 ? Resolved.int($0.seed) : Resolved.list($0.seeds.map { Resolved.int($0) }) }),
            .bool("abstract", \.isAbstract, "a base only meant to be extended"),
            .section("data", \.data, DataConfig.schema),
            .section("features", \.features, FeatureSettings.schema),
            AugmentationConfig.listKey(\.augmentation),
            .scalar("model", type: "mapping", note: "checked by the graph builder",
                    read: { r, c in c.model = ModelConfig(r.child("model"), features: c.features, required: !c.isAbstract) },
                    write: { $0.model.resolved }),
            .section("train", \.train, TrainConfig.schema),
            ConfigKey(names: ["stages"], read: { r, c in c.stages = StageConfig.readList(r) },
                      write: { c in c.stages.isEmpty ? [] : [("stages", Resolved.list(c.stages.map(\.resolved)))] },
                      rows: { _ in [ConfigKeyRow(key: "stages", type: "list of mappings", defaultText: "none",
                                                 note: "named training stages run in order; each holds train keys written over train")] }),
            .section("evaluate", \.evaluate, EvaluateConfig.schema),
        ], check: { c, r in
            if let backbone = c.model.backbone, !c.augmentation.isEmpty {
                if backbone.views == 0 {
                    r.report("augmentation", "augmentation with model.backbone needs model.backbone.views >= 1 (augmented copies "
                             + "of each clip, embedded once and cached); or remove it (augmentation: [])")
                }
                for a in c.augmentation where !a.transform.isWaveform && a.transform.name != "mixup" {
                    r.report("augmentation", "augmentation '\(a.transform.name)' acts on spectrograms, which a backbone's head never sees")
                }
            }
            if c.name.contains("/") || c.name.hasPrefix(".") {
                r.report("name", "name must be usable as a folder name (no '/' and no leading '.'), got '\(c.name)'")
            }
        })
    }
}

extension ExperimentConfig {
    /// The config of one run: `seed` set to `s`, the only seed.
    public func forSeed(_ s: Int) -> ExperimentConfig {
        var c = self
        c.seed = s
        return c
    }

    /// The run folder of seed `s`: `name` for a single-seed experiment, `name-seed<s>` when there are several, so
    /// every seed's run sits beside the others and `soundlab table` folds them into one row of means ± sd.
    public func runFolderName(seed s: Int) -> String {
        seeds.count > 1 ? "\(name)-seed\(s)" : name
    }

    /// `seed: 42` or `seed: [42, 7, 1]`: distinct integers ≥ 0 (a repeat would only write the same run twice).
    fileprivate static func readSeeds(_ r: ConfigReader) -> [Int] {
        guard let v = r.present("seed") else { return [42] }
        guard let items = v.items else { return [r.int("seed", default: 42, .atLeast(0))] }
        let seeds = items.enumerated().compactMap { r.checkedInt($0.element, field: "seed.\($0.offset)", .atLeast(0)) }
        if items.isEmpty {
            r.report("seed", "seed must be an integer or a non-empty list of integers, got []")
        } else if let dup = seeds.indices.first(where: { seeds[..<$0].contains(seeds[$0]) }) {
            r.sink.report(items[dup].location, "seed.\(dup) repeats seed \(seeds[dup])")
        }
        return seeds.isEmpty ? [42] : seeds
    }
}
