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

    @Test func windowsAttentionAndTrainableBlocksAreReadResolvedAndShapeTheInput() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", """
            model:
              backbone: {name: birdnet, window_length: 96000, hop_length: 48000, pooling: attention, attention_units: 32,
                         trainable_blocks: 2}
            """ + "\n" + head)
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        let b = try #require(config.model.backbone)
        #expect(b == BackboneConfig(pooling: .attention, windowLength: 96_000, hopLength: 48_000, attentionUnits: 32, trainableBlocks: 2))
        // A sequence of windows of the cached block input (3 × 8 × 192) plus the column marking real windows.
        #expect(config.model.inputShape == [1, 3 * 8 * 192 + 1])
        for line in ["window_length: 96000", "hop_length: 48000", "attention_units: 32", "trainable_blocks: 2"] {
            #expect(config.resolvedYAML.contains(line), "\(line)")
        }
        let frozen = try scratch.write("f.yaml", "model:\n  backbone: {name: birdnet, pooling: attention}\n" + head)
        #expect(try ExperimentConfig.load(path: frozen, dataDirectory: nil).model.inputShape == [1, 1025])
        // The hop defaults to the window: windows never overlap unless asked.
        let short = try scratch.write("s.yaml", "model:\n  backbone: {name: birdnet, window_length: 96000}\n" + head)
        #expect(try ExperimentConfig.load(path: short, dataDirectory: nil).model.backbone?.hopLength == 96_000)
    }

    @Test func badWindowsAttentionUnitsAndBlocksAreReportedWhereWritten() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", """
            model:
              backbone: {name: birdnet, window_length: 200000, hop_length: 100000, attention_units: 8, trainable_blocks: 4}
            """ + "\n" + head)
        #expect(diagnostics(path) == [
            "\(path):2:44: model.backbone.window_length must be between 4800 and 144000, got 200000",
            "\(path):2:89: model.backbone.attention_units needs pooling: attention",
            "\(path):2:110: model.backbone.trainable_blocks must be between 0 and 3, got 4",
        ])
        let gap = try scratch.write("g.yaml", "model:\n  backbone: {name: birdnet, window_length: 48000, hop_length: 96000}\n" + head)
        #expect(diagnostics(gap) == [
            "\(gap):2:63: model.backbone.hop_length (96000) must not exceed window_length (48000): audio between windows would be skipped",
        ])
    }
}
