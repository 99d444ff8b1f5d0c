import Experiment
import Testing

@Suite struct ConfigOverrideTests {
    private func experiment(_ scratch: ConfigScratch) throws -> String {
        try scratch.write("x.yaml", minimalModel + """
            train: {epochs: 30}
            augmentation:
              - {type: noise, p: 0.5}
              - {type: gain}
            """)
    }

    @Test func overridesApplyAfterExtendsAndIndexLists() throws {
        let scratch = try ConfigScratch()
        let path = try experiment(scratch)
        let config = try ExperimentConfig.load(
            path: path,
            overrides: ["train.epochs=5", "augmentation.0.p=0.3", "augmentation.1.db=[-3, 3]",
                        "train.optimizer.lr=2e-4", "model.layers.1.units=7", "data.classes=[Cat, Dog]"],
            dataDirectory: nil)
        #expect(config.train.epochs == 5)
        #expect(config.augmentation.map(\.p) == [0.3, 1])
        #expect((config.augmentation[1].transform as? GainAugmentation)?.db == -3...3)
        #expect(config.train.optimizer.lr == 2e-4)
        #expect(config.data.classes == ["Cat", "Dog"])
        guard case .sequential(let layers) = config.model.architecture else {
            Issue.record("expected layers")
            return
        }
        #expect(layers[1]["units"]?.int == 7)
        #expect(layers[1]["units"]?.location.description == "--set model.layers.1.units=7")
    }

    @Test func unknownOverridePathIsReportedAtTheOverride() throws {
        let scratch = try ConfigScratch()
        let path = try experiment(scratch)
        #expect(diagnostics(path, overrides: ["train.epocs=5", "trian.epochs=5"]) == [
            "--set train.epocs=5: unknown key 'epocs' in train (did you mean 'epochs'?)",
            "--set trian.epochs=5: unknown top-level key 'trian' (did you mean 'train'?)",
        ])
    }

    @Test func overrideWithWrongTypeIsValidatedLikeTheFile() throws {
        let scratch = try ConfigScratch()
        let path = try experiment(scratch)
        #expect(diagnostics(path, overrides: ["train.epochs=five", "augmentation.0.p=2"]) == [
            "--set augmentation.0.p=2: augmentation.0.p must be between 0 and 1, got 2",
            "--set train.epochs=five: train.epochs must be an integer, got 'five'",
        ])
    }

    @Test func overridePathThatCannotBeFollowedIsAnError() throws {
        let scratch = try ConfigScratch()
        let path = try experiment(scratch)
        #expect(diagnostics(path, overrides: [
            "augmentation.2.p=1", "train.epochs.max=3", "evaluate.sets.0.name=x", "epochs", "extends=a.yaml",
        ]) == [
            "--set augmentation.2.p=1: augmentation has 2 items, no index 2",
            "--set epochs: an override must look like path.to.key=value",
            "--set evaluate.sets.0.name=x: evaluate.sets is not set, so it has no item 0",
            "--set extends=a.yaml: extends cannot be overridden: bases are merged before overrides",
            "--set train.epochs.max=3: train.epochs is 30, not a mapping or list, so it has no 'max'",
        ])
    }

    @Test func overrideValueWithBadYAMLIsReported() throws {
        let scratch = try ConfigScratch()
        let path = try experiment(scratch)
        let found = diagnostics(path, overrides: ["augmentation.1.db=[1, 2"])
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("--set augmentation.1.db=[1, 2: invalid YAML") == true)
    }
}
