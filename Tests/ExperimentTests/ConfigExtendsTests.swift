import Experiment
import Testing

@Suite struct ConfigExtendsTests {
    @Test func chainMergesMappingsAndReplacesLists() throws {
        let scratch = try ConfigScratch()
        try scratch.write("bases/common.yaml", """
            abstract: true
            name: common
            seed: 7
            features: {n_mels: 64, max_frames: 200}
            train:
              epochs: 50
              optimizer: {type: sgd, lr: 0.1, momentum: 0.9}
            augmentation:
              - {type: gain}
              - {type: time_shift}
            """)
        try scratch.write("bases/cnn.yaml", """
            extends: common.yaml
            train: {optimizer: {lr: 0.01}}
            """ + "\n" + minimalModel)
        let path = try scratch.write("exp/child.yaml", """
            extends: ../bases/cnn.yaml
            train:
              batch_size: 8
            augmentation:
              - {type: mixup}
            """)
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        // name and abstract describe one file, so they are not inherited.
        #expect(config.name == "child")
        #expect(config.isAbstract == false)
        #expect(config.seed == 7)
        #expect(config.features.nMels == 64)
        #expect(config.features.maxFrames == 200)
        #expect(config.features.sampleRate == 16000)
        #expect(config.model.inputShape == [200, 64])
        // Maps merge through three files: type and momentum from common, lr from cnn, batch_size from child.
        #expect(config.train.epochs == 50)
        #expect(config.train.batchSize == 8)
        #expect((config.train.optimizer.entry as? SGDOptions)?.momentum == 0.9)
        #expect(config.train.optimizer.lr == 0.01)
        // Lists are replaced, not appended.
        #expect(config.augmentation == [AugmentationConfig(transform: MixupAugmentation.defaults)])
        guard case .sequential(let layers) = config.model.architecture else {
            Issue.record("expected layers")
            return
        }
        #expect(layers.compactMap { $0["type"]?.string } == ["flatten", "dense"])
    }

    @Test func severalBasesMergeInOrderWithTheFileLast() throws {
        let scratch = try ConfigScratch()
        try scratch.write("a.yaml", "seed: 1\ntrain: {epochs: 5, batch_size: 4}\n")
        try scratch.write("b.yaml", "seed: 2\ntrain: {epochs: 6}\n")
        let path = try scratch.write("c.yaml", "extends: [a.yaml, b.yaml]\ntrain: {batch_size: 16}\n" + minimalModel)
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        #expect(config.seed == 2)
        #expect(config.train.epochs == 6)
        #expect(config.train.batchSize == 16)
    }

    @Test func cycleIsReportedWithTheChain() throws {
        let scratch = try ConfigScratch()
        let a = try scratch.write("a.yaml", "extends: b.yaml\nseed: 1\n")
        let b = try scratch.write("b.yaml", "seed: 2\nextends: [a.yaml]\n")
        #expect(diagnostics(a) == ["\(b):2:11: extends cycle: \(a) -> \(b) -> \(a)"])
        let selfish = try scratch.write("self.yaml", "extends: ./self.yaml\n")
        #expect(diagnostics(selfish) == ["\(selfish):1:10: extends cycle: \(selfish) -> \(selfish)"])
    }

    @Test func missingExtendedFileIsReportedAtTheExtendsEntry() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", "extends:\n  - base.yaml\n  - nope/missing.yaml\n" + minimalModel)
        try scratch.write("base.yaml", "seed: 3\n")
        #expect(diagnostics(path) == [
            "\(path):3:5: cannot read extended file '\(scratch.root)/nope/missing.yaml': no such file",
        ])
    }

    @Test func errorsInsideABaseAreReportedInTheBase() throws {
        let scratch = try ConfigScratch()
        let base = try scratch.write("base.yaml", "train:\n  epochs: -3\n  optimiser: {}\n")
        let path = try scratch.write("x.yaml", "extends: base.yaml\n" + minimalModel)
        #expect(diagnostics(path) == [
            "\(base):2:11: train.epochs must be between 1 and 100000, got -3",
            "\(base):3:3: unknown key 'optimiser' in train (did you mean 'optimizer'?)",
        ])
    }

    @Test func extendsMustBeAPathOrList() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", "extends: {file: base.yaml}\n" + minimalModel)
        #expect(diagnostics(path) == ["\(path):1:10: extends must be a path or a list of paths, got a mapping"])
    }
}
