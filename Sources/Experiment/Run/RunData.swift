import AudioFeatures
import Foundation
import RunStore
import TensorCore

/// Step 1 of a run: the training clips, their classes and content hashes, and the train/validation split
/// (duplicates stay on one side). No features yet: which clips need which route depends on the augmentation.
struct RunData {
    let root: URL
    let classes: [String]
    let trainFiles: [DatasetFile]
    let trainURLs: [URL]
    let trainLabels: [Int]
    let hashes: [String]
    let trainIndices: [Int]
    let validationIndices: [Int]
    let loader: ExampleLoader
    /// The frozen backbone whose pooled outputs replace the features, when the model has one.
    let backbone: BackboneEmbeddings?

    /// One example's shape: the backbone's pooled output, or the padded features.
    var exampleShape: [Int] { backbone?.exampleShape ?? loader.exampleShape }

    /// Lists the dataset and picks the classes (before the model is built, which needs their count).
    static func listing(_ config: ExperimentConfig) throws -> (root: URL, classes: [String], files: [DatasetFile], labels: [Int]) {
        let root = URL(fileURLWithPath: config.data.root)
        let listing = try DatasetListing.scan(root, layout: DatasetLayout(splits: [config.data.train], noiseFolder: "Noise"))
        try listing.requireComplete()
        let classes = config.data.classes ?? listing.classNames
        guard let split = listing.split(named: config.data.train) else { throw DataError("no split \(config.data.train) in \(root.path)") }
        let examples = split.examples.filter { classes.contains(split.classes[$0.label].name) }
        return (root, classes, examples.map(\.file), examples.map { classes.firstIndex(of: split.classes[$0.label].name)! })
    }

    /// Hashes the training clips and splits off the validation fraction.
    static func prepare(_ config: ExperimentConfig, options: ExperimentRunner.Options) throws -> RunData {
        let (root, classes, files, labels) = try listing(config)
        let urls = files.map(\.url)
        let loader = ExampleLoader(cache: FeatureCache(directory: options.cacheDirectory), settings: config.features,
                                   threads: options.threads)
        let hashes = try loader.contentHashes(urls)
        let backbone = try Self.backbone(config, options: options, cache: loader.cache)
        let (train, validation) = try StratifiedSplit.split(labels: labels, groups: hashes, classes: classes,
                                                            fraction: config.data.validationFraction, seed: UInt64(config.seed))
        return RunData(root: root, classes: classes, trainFiles: files, trainURLs: urls, trainLabels: labels,
                       hashes: hashes, trainIndices: train, validationIndices: validation, loader: loader,
                       backbone: backbone)
    }

    /// The experiment's frozen backbone with its embedding cache, when the model has one.
    static func backbone(_ config: ExperimentConfig, options: ExperimentRunner.Options, cache: FeatureCache) throws -> BackboneEmbeddings? {
        try config.model.backbone.map {
            try BackboneEmbeddings($0, directory: options.embeddingCacheDirectory
                                   ?? options.cacheDirectory.deletingLastPathComponent().appendingPathComponent("embeddings"),
                                   cache: cache)
        }
    }

    /// The features of the clips at `indices` as one in-memory source.
    func features(_ indices: [Int], augment: ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)? = nil) throws -> InMemoryExamples {
        try examples(indices.map { trainURLs[$0] }, labels: indices.map { trainLabels[$0] }, augment: augment)
    }

    /// Any clips as one in-memory source: the backbone's pooled outputs when there is one, else their features.
    func examples(_ urls: [URL], labels: [Int], augment: ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)? = nil) throws -> InMemoryExamples {
        try Self.examples(urls, labels: labels, loader: loader, backbone: backbone, augment: augment)
    }

    /// The same for any loader and backbone (evaluation sets of a finished run have no `RunData`).
    static func examples(_ urls: [URL], labels: [Int], loader: ExampleLoader, backbone: BackboneEmbeddings?,
                         augment: ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)? = nil) throws -> InMemoryExamples {
        if let backbone {
            let (values, shape) = try backbone.examples(urls)
            return InMemoryExamples(inputs: values, labels: labels, validFrames: [Int](repeating: 1, count: labels.count),
                                    exampleShape: shape)
        }
        let f = try loader.features(urls)
        return InMemoryExamples(inputs: f.inputs, labels: labels, validFrames: f.validFrames,
                                exampleShape: loader.exampleShape, augment: augment)
    }

    /// `split.csv`'s rows for the training and validation clips.
    var splitRows: [SplitRow] {
        trainIndices.map { SplitRow(file: trainFiles[$0].relativePath, label: classes[trainLabels[$0]], subset: "train") }
            + validationIndices.map { SplitRow(file: trainFiles[$0].relativePath, label: classes[trainLabels[$0]], subset: "validation") }
    }
}
