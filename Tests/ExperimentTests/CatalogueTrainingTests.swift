import Experiment
import Foundation
import NN
import Testing
import TensorCore

/// What the catalogue entries build, seen through the trainer.
@Suite struct CatalogueTrainingTests {
    /// A small model and 8 random examples of 3 classes, [10, 4] each.
    private static func setup() throws -> (ExperimentConfig, any Module, InMemoryExamples) {
        let config = try ExperimentConfig.parse(yaml: """
            model: {input_shape: [10, 4], layers: [{type: flatten}, {type: dense, units: classes}]}
            """, file: "x.yaml", dataDirectory: nil)
        let built = try GraphBuilder.build(config.model, classCount: 3, seed: 1)
        var rng = RNG(seed: 2)
        let source = InMemoryExamples(inputs: (0..<(8 * 40)).map { _ in rng.normal() }, labels: [0, 1, 2, 0, 1, 2, 0, 1],
                                      validFrames: Array(repeating: 10, count: 8), exampleShape: [10, 4])
        return (config, built.module, source)
    }

    /// A config built in code skips validation: a loss the trainer cannot use stops `fit` with what it needs.
    @Test func aLossTheModelCannotTrainStopsTrainingWithWhatItNeeds() throws {
        let (config, module, source) = try Self.setup()
        var train = config.train
        train.epochs = 1
        train.loss.entry = NTXentOptions.defaults
        let before = module.stateList().flatMap(\.values)
        let trainer = Trainer(model: module, config: train, classCount: 3, seed: 3, classWeights: nil)
        #expect {
            _ = try trainer.fit(train: source, validation: nil)
        } throws: { error in
            "\(error)" == "train.loss ntxent compares projections of the embedding: declare model.projection (a list of "
                + "layers on the output of model.embedding)"
        }
        #expect(module.stateList().flatMap(\.values) == before)
        #expect(trainer.evaluate(source).loss.isNaN)
    }
}
