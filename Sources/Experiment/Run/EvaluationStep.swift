import Augment
import AudioFeatures
import Foundation
import NN
import RunStore
import TensorCore

/// Step 4 of a run: the trained model scored on every configured evaluation set, and `split.csv`'s rows for them.
struct EvaluationStep {
    let evaluations: [(set: EvaluationSet, result: Evaluation)]
    let splitRows: [SplitRow]

    static func run(_ config: ExperimentConfig, data: RunData, trainer: Trainer,
                    report: (ExperimentRunner.Event) -> Void) throws -> EvaluationStep {
        var evaluations: [(set: EvaluationSet, result: Evaluation)] = []
        var rows: [SplitRow] = []
        for set in config.evaluate.sets {
            let (source, files) = try source(set, config: config, data: data)
            let result = trainer.evaluate(source, classNames: data.classes)
            let absent = result.metrics.absentClasses
            if !absent.isEmpty {
                report(.note("evaluation set '\(set.name)' (\(set.path)) has no clip of \(absent.joined(separator: ", ")); "
                             + "its macro averages are over the \(data.classes.count - absent.count) classes it holds"))
            }
            evaluations.append((set, result))
            rows += zip(files, source.labels).map { SplitRow(file: $0, label: data.classes[$1], subset: set.name) }
        }
        return EvaluationStep(evaluations: evaluations, splitRows: rows)
    }

    /// Refuses, before any training, an evaluation set holding a class the model does not know: its clips could
    /// only be counted wrong, or silently dropped, and neither is a measurement (with `data.classes` the model's
    /// classes are a chosen subset, and the sets' other classes are left out on purpose).
    static func checkClasses(_ config: ExperimentConfig, classes: [String], root: URL) throws {
        guard config.data.classes == nil else { return }
        for set in config.evaluate.sets {
            let listing = try DatasetListing.scan(root, layout: DatasetLayout(splits: [set.path], noiseFolder: "Noise"))
            guard let split = listing.split(named: set.path) else { throw DataError("no folder \(set.path) under \(root.path)") }
            let unknown = split.classes.map(\.name).filter { !classes.contains($0) }
            guard unknown.isEmpty else {
                throw DataError("evaluation set '\(set.name)' (\(root.appendingPathComponent(set.path).path)) holds class "
                                + "\(unknown.map { "'\($0)'" }.joined(separator: ", ")), which the model was not trained on "
                                + "(its classes: \(classes.joined(separator: ", ")))")
            }
        }
    }

    /// The examples of one evaluation set, with its fixed noise when it asks for one.
    private static func source(_ set: EvaluationSet, config: ExperimentConfig, data: RunData) throws -> (ExampleSource, [String]) {
        let (root, classes, loader, seed) = (data.root, data.classes, data.loader, UInt64(config.seed))
        let listing = try DatasetListing.scan(root, layout: DatasetLayout(splits: [set.path], noiseFolder: "Noise"))
        guard let split = listing.split(named: set.path) else { throw DataError("no folder \(set.path) under \(root.path)") }
        let examples = split.examples.filter { classes.contains(split.classes[$0.label].name) }
        let urls = examples.map(\.file.url)
        let files = examples.map(\.file.relativePath)
        let labels = examples.map { classes.firstIndex(of: split.classes[$0.label].name)! }
        guard let noise = set.noise else { return (try data.examples(urls, labels: labels), files) }
        // A noisy set is fixed: its draws depend only on the seed and the example, never on training.
        let noiseWaves = try loader.waves(TrainingInputs.noiseURLs(noise.folder, root: root))
        let mixer = AugmentPipeline([.wave(try BackgroundNoise(noises: noiseWaves, minSNR: noise.snrDB.lowerBound,
                                                               maxSNR: noise.snrDB.upperBound))])
        let source = WaveAugmentedExamples(waves: try loader.waves(urls), labels: labels, settings: loader.settings,
                                           pipeline: mixer, streamKeys: [StableHash.fnv1a("eval:" + set.name)], seed: seed,
                                           threads: loader.threads, spec: nil)
        try source.prepare(epoch: 0)
        return (source, files)
    }
}
