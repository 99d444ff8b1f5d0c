import AudioFeatures
import Foundation
import NN
import RunStore

/// A finished run's model ready to score clips: built from its resolved config for its classes, its weights
/// loaded, and the feature route (cached features or the frozen backbone) training used. `soundlab evaluate`
/// and `soundlab predict` both score through it, so neither holds a copy of the model or feature path.
struct TrainedModel {
    let config: ExperimentConfig
    let labels: [String]
    let loader: ExampleLoader
    let backbone: BackboneEmbeddings?
    let trainer: Trainer

    /// Builds the model of `config` for `labels`, loads `folder`'s weights into it and opens its feature route.
    static func load(folder: URL, config: ExperimentConfig, labels: [String], options: ExperimentRunner.Options) throws -> TrainedModel {
        let weightsURL = folder.appendingPathComponent(RunLayout.weights)
        let loader = ExampleLoader(cache: FeatureCache(directory: options.cacheDirectory), settings: config.features,
                                   threads: options.threads)
        let model = try GraphBuilder.build(config.model, classCount: labels.count, seed: UInt64(config.seed),
                                           budget: options.memoryBudget, batchSize: config.train.batchSize)
        let weights = try SafetensorsFile.read(from: weightsURL)
        // The weights say what they were trained on; a config.yaml or labels.json changed since is caught here,
        // not as a wrong answer (a shape the layers do not show, such as max_frames before global pooling).
        if let classes = weights.metadata["classes"], classes != labels.joined(separator: ",") {
            throw RunFitError.trainedOtherwise(path: weightsURL.relativePath, what: "classes", trained: classes,
                                               now: "\(labels.joined(separator: ",")) in labels.json")
        }
        let backbone = try RunData.backbone(config, options: options, cache: loader.cache)
        let inputShape = (backbone?.exampleShape ?? loader.exampleShape).map(String.init).joined(separator: ",")
        if let trained = weights.metadata["input_shape"], trained != inputShape {
            throw RunFitError.trainedOtherwise(path: weightsURL.relativePath, what: "input shape", trained: trained,
                                               now: "\(inputShape) from config.yaml's features")
        }
        do {
            let names = WeightNames(model: config.model, paths: model.module.stateList().map(\.name))
            try model.module.loadStateList(names.toModule(weights.tensors))
        } catch let error as ShapeError {
            throw RunFitError.weightsMismatch(path: weightsURL.relativePath, reason: error.description, classes: labels.count)
        }
        let trainer = Trainer(model: model.module, config: config.train, classCount: labels.count, seed: UInt64(config.seed),
                              classWeights: nil)
        return TrainedModel(config: config, labels: labels, loader: loader, backbone: backbone, trainer: trainer)
    }

    /// Softmax probabilities of `count` examples of `shape` (example-major, examples × classes), in the trainer's
    /// evaluation batches: the same forward pass, batch for batch, that scored the run's sets.
    func probabilities(of inputs: [Float], count: Int, shape: [Int], validFrames: [Int]) -> [Float] {
        let source = InMemoryExamples(inputs: inputs, labels: [Int](repeating: 0, count: count), validFrames: validFrames,
                                      exampleShape: shape)
        return trainer.evaluate(source, classNames: labels).probabilities
    }
}
