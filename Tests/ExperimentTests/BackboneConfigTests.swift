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

    @Test func scoresFeedTheHeadSixThousandValuesAndANameIsRequired() throws {
        let scratch = try ConfigScratch()
        let scores = try scratch.write("s.yaml", "model:\n  backbone: {name: birdnet, output: scores}\n" + head)
        let config = try ExperimentConfig.load(path: scores, dataDirectory: nil)
        #expect(config.model.backbone?.output == .scores && config.model.inputShape == [6522])
        #expect(config.resolvedYAML.contains("output: scores"))
        let unnamed = try scratch.write("n.yaml", "model:\n  backbone: {pooling: mean}\n" + head)
        #expect(diagnostics(unnamed) == ["\(unnamed):2:13: model.backbone needs a name (one of birdnet)"])
    }

    @Test func augmentationWithoutViewsAndAWrongInputShapeAreRefusedWithABackbone() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", """
            augmentation: [{type: gain}, {type: spec_augment}]
            model:
              backbone: {name: birdnet}
              input_shape: [500, 128]
            """ + "\n" + head)
        #expect(diagnostics(path) == [
            "\(path):1:15: augmentation with model.backbone needs model.backbone.views >= 1 (augmented copies of each clip, embedded once and cached); or remove it (augmentation: [])",
            "\(path):1:15: augmentation 'spec_augment' acts on spectrograms, which a backbone's head never sees",
            "\(path):4:16: model.input_shape must be [1024] with a backbone (its pooled output), got [500, 128]",
        ])
    }

    @Test func viewsAreReadAndResolved() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", "augmentation: [{type: gain}]\nmodel:\n  backbone: {name: birdnet, views: 4}\n" + head)
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        #expect(config.model.backbone?.views == 4)
        #expect(config.resolvedYAML.contains("views: 4"))
        let bad = try scratch.write("y.yaml", "model:\n  backbone: {name: birdnet, views: 100}\n" + head)
        #expect(diagnostics(bad).first?.contains("model.backbone.views must be between 0 and 64, got 100") == true, "\(diagnostics(bad))")
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
