import Experiment
import Foundation
import Testing

@Suite struct BackboneConfigTests {
    private let head = """
          layers:
            - {type: dense, units: classes, activation: softmax}

        """

    @Test func backboneDefaultsTheInputToItsEmbeddingAndIsWrittenWhenPresent() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", "model:\n  backbone: {name: birdnet, pooling: max}\n" + head)
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        #expect(config.model.inputShape == [1024])
        #expect(config.model.backbone == BackboneConfig(pooling: .max))
        #expect(config.resolvedYAML.contains("""
              backbone:
                name: birdnet
                file: models/birdnet/BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite
                output: embedding
                pooling: max
            """))
    }

    @Test func modelWithoutBackboneWritesNoBackboneKey() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel)
        #expect(!(try ExperimentConfig.load(path: path, dataDirectory: nil).resolvedYAML.contains("backbone")))
    }

    @Test func badNameOutputAndKeysAreReportedWhereWritten() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", """
            model:
              backbone: {name: birdnot, output: logits, pool: mean}
            """ + "\n" + head)
        #expect(diagnostics(path) == [
            "\(path):2:20: model.backbone.name must be one of birdnet, got 'birdnot' (did you mean 'birdnet'?)",
            "\(path):2:37: model.backbone.output must be one of embedding, scores, got 'logits'",
            "\(path):2:45: unknown key 'pool' in model.backbone",
        ])
    }

    @Test func scoresAreRefusedForNowAndANameIsRequired() throws {
        let scratch = try ConfigScratch()
        let scores = try scratch.write("s.yaml", "model:\n  backbone: {name: birdnet, output: scores}\n" + head)
        #expect(diagnostics(scores) == [
            "\(scores):2:37: model.backbone.output: scores is not supported yet; use embedding (the 1024-value embedding)",
        ])
        let unnamed = try scratch.write("n.yaml", "model:\n  backbone: {pooling: mean}\n" + head)
        #expect(diagnostics(unnamed) == ["\(unnamed):2:13: model.backbone needs a name (one of birdnet)"])
    }

    @Test func augmentationAndAWrongInputShapeAreRefusedWithABackbone() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", """
            augmentation: [{type: gain}]
            model:
              backbone: {name: birdnet}
              input_shape: [500, 128]
            """ + "\n" + head)
        #expect(diagnostics(path) == [
            "\(path):1:15: augmentation is not supported with model.backbone yet: remove it (augmentation: [])",
            "\(path):4:16: model.input_shape must be [1024] with a backbone (its pooled output), got [500, 128]",
        ])
    }

    @Test func aMissingModelFileSaysHowToGetIt() throws {
        let scratch = try ConfigScratch()
        try scratch.makeDataset()
        let path = try scratch.write("x.yaml", "model:\n  backbone: {name: birdnet, file: models/nope.tflite}\n" + head)
        #expect(diagnostics(path, dataDirectory: scratch.root) == [
            "\(path):2:35: model.backbone.file: file 'models/nope.tflite' does not exist: run `make birdnet` to fetch it",
        ])
    }
}
