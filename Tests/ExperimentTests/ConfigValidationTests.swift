import Experiment
import Testing

@Suite struct ConfigValidationTests {
    @Test func misspeltKeyIsReportedAtItsLineAndColumnWithASuggestion() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            train:
              batch_size: 16
              epocs: 10
            """)
        #expect(diagnostics(path) == ["\(path):7:3: unknown key 'epocs' in train (did you mean 'epochs'?)"])
    }

    @Test func everyUnknownKeyIsReportedNotOnlyTheFirst() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            modle: {}
            features:
              n_mel: 64
              hop: 256
            """)
        #expect(diagnostics(path) == [
            "\(path):5:1: unknown top-level key 'modle' (did you mean 'model'?)",
            "\(path):7:3: unknown key 'n_mel' in features (did you mean 'n_mels'?)",
            // Too far from any valid key for a suggestion to help.
            "\(path):8:3: unknown key 'hop' in features",
        ])
    }

    @Test func featureSettingsTheFrontEndCannotComputeAreRejectedAtTheirKeys() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            features:
              n_fft: 2
              n_mels: 100000
              hop_length: 1
            """)
        #expect(diagnostics(path) == [
            "\(path):7:11: features.n_mels must be at most n_fft / 2 + 1 = 2 (the FFT bins), got 100000",
        ])
        let odd = try scratch.write("odd.yaml", minimalModel + """
            features:
              n_fft: 1023
            """)
        #expect(diagnostics(odd) == ["\(odd):6:10: features.n_fft must be even, got 1023"])
    }

    @Test func monitoringWithoutValidationClipsIsRejectedAtTheMonitoringKey() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            data: {validation_fraction: 0}
            train:
              schedule: {type: plateau}
              early_stopping: {patience: 3}
            """)
        #expect(diagnostics(path) == [
            "\(path):7:20: train.schedule.type plateau watches the validation loss, but data.validation_fraction is 0 (no validation clips)",
            "\(path):8:30: train.early_stopping.patience needs validation clips to monitor, but data.validation_fraction is 0",
        ])
        // The same settings with clips held out are fine.
        let held = try scratch.write("held.yaml", minimalModel + """
            data: {validation_fraction: 0.2}
            train:
              schedule: {type: plateau}
              early_stopping: {patience: 3}
            """)
        #expect(diagnostics(held) == [])
    }

    @Test func wrongTypeNamesTheFieldAndTheValue() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            train:
              epochs: ten
              early_stopping: {restore_best: 3}
            """)
        #expect(diagnostics(path) == [
            "\(path):6:11: train.epochs must be an integer, got 'ten'",
            "\(path):7:34: train.early_stopping.restore_best must be true or false, got 3",
        ])
    }

    @Test func outOfRangeValuesAreReportedWithTheirRange() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            data:
              validation_fraction: 1
            augmentation:
              - {type: gain, p: 1.5}
            features:
              fmax: 9000
            """)
        #expect(diagnostics(path) == [
            "\(path):6:24: data.validation_fraction must be in [0, 1), got 1",
            "\(path):8:21: augmentation.0.p must be between 0 and 1, got 1.5",
            "\(path):10:9: features.fmax must be at most sample_rate / 2 = 8000, got 9000",
        ])
    }

    @Test func unknownChoiceSuggestsTheNearestAllowedValue() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            train: {optimizer: {type: adamm}}
            """)
        #expect(diagnostics(path) == [
            "\(path):5:27: train.optimizer.type must be one of adam, adamw, nadam, sgd, got 'adamm' (did you mean 'adam'?)",
        ])
    }

    @Test func yamlSyntaxErrorIsMappedToFileLineColumn() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", """
            train:
              epochs: 3
             batch_size: 2
            """)
        let found = diagnostics(path)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(path):3:2: invalid YAML: ") == true)
    }

    @Test func duplicateKeyIsAnError() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            seed: 1
            seed: 2
            """)
        let found = diagnostics(path)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(path):") == true)
        #expect(found.first?.contains("duplicate key 'seed'") == true)
    }

    @Test func concreteExperimentNeedsAModelButAnAbstractBaseDoesNot() throws {
        let scratch = try ConfigScratch()
        let concrete = try scratch.write("concrete.yaml", "seed: 1\n")
        let abstract = try scratch.write("abstract.yaml", "abstract: true\nseed: 1\n")
        #expect(diagnostics(concrete) == ["\(concrete):1:1: model needs layers (a list) or nodes (a named graph)"])
        #expect(diagnostics(abstract) == [])
    }

    @Test func layerWithoutTypeIsReportedAtTheLayer() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", """
            model:
              layers:
                - {type: flatten}
                - {units: 10}
            """)
        #expect(diagnostics(path) == ["\(path):4:7: model.layers.1 needs a type (or op)"])
    }

    @Test func graphModelNeedsInputAndOutputAndKeepsNodeLocations() throws {
        let scratch = try ConfigScratch()
        let bad = try scratch.write("bad.yaml", """
            model:
              nodes:
                a: {op: dense, inputs: [x], units: 4}
            """)
        #expect(diagnostics(bad) == [
            "\(bad):2:3: model has nodes, so it needs input: <name of the graph input>",
            "\(bad):2:3: model has nodes, so it needs output: <name of a node>",
        ])
        let good = try scratch.write("good.yaml", """
            model:
              input: x
              output: b
              nodes:
                a: {op: dense, inputs: [x], units: 4}
                b: {op: add, inputs: [a, x]}
            """)
        let config = try ExperimentConfig.load(path: good, dataDirectory: nil)
        guard case .graph(let graph) = config.model.architecture else {
            Issue.record("expected a graph, got \(config.model.architecture)")
            return
        }
        #expect(graph.nodes.map(\.key) == ["a", "b"])
        #expect(graph.nodes[1].value["inputs"]?.items?.compactMap(\.string) == ["a", "x"])
        // The graph builder reports its own errors at these locations.
        #expect(graph.nodes[0].value["units"]?.location.description == "\(good):5:40")
        #expect(graph.nodes[1].keyLocation.description == "\(good):6:5")
    }

    @Test func missingDataFolderIsReportedWhereItWasConfigured() throws {
        let scratch = try ConfigScratch()
        try scratch.makeDataset()
        let path = try scratch.write("x.yaml", minimalModel + """
            data:
              test: Tset
            evaluate:
              sets:
                - {name: windy, path: Test, noise: {folders: Noise/rain, snr_db: 5}}
            """)
        #expect(diagnostics(path, dataDirectory: scratch.root) == [
            "\(path):6:9: data.test: folder 'Animals_Sounds/Tset' does not exist",
            "\(path):9:50: evaluate.sets.0.noise.folders: folder 'Animals_Sounds/Noise/rain' does not exist",
        ])
        let noRoot = try scratch.write("y.yaml", minimalModel + "data: {root: Elsewhere}\n")
        #expect(diagnostics(noRoot, dataDirectory: scratch.root) == [
            "\(noRoot):5:14: data.root: data folder 'Elsewhere' does not exist (relative to '\(scratch.root)')",
        ])
    }

    @Test func missingDefaultDataFolderPointsAtTheFile() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel)
        #expect(diagnostics(path, dataDirectory: scratch.root) == [
            "\(path):1:1: data.root: data folder 'Animals_Sounds' does not exist (relative to '\(scratch.root)')",
        ])
    }

    @Test func listedClassesMustExistAsFolders() throws {
        let scratch = try ConfigScratch()
        try scratch.makeDataset()
        let path = try scratch.write("x.yaml", minimalModel + """
            data: {classes: [Bird, Dgo]}
            train: {class_weights: {Bird: 2, Cat: 1}}
            """)
        #expect(diagnostics(path, dataDirectory: scratch.root) == [
            "\(path):6:34: train.class_weights: 'Cat' is not in data.classes",
        ])
        let fixed = try scratch.write("y.yaml", minimalModel + "data: {classes: [Bird, Dgo]}\n")
        #expect(diagnostics(fixed, dataDirectory: scratch.root) == [
            "\(fixed):5:17: data.classes: no class folder 'Dgo' in 'Animals_Sounds/Training' (did you mean 'Dog'?)",
        ])
    }
}

@Suite struct ConfigFileTests {
    @Test func missingExperimentFileIsOneLine() throws {
        let scratch = try ConfigScratch()
        let path = scratch.root + "/absent.yaml"
        #expect(diagnostics(path) == ["\(path): cannot read experiment file: no such file"])
        #expect(diagnostics(scratch.root) == ["\(scratch.root): cannot read experiment file: is a directory, not a YAML file"])
    }

    @Test func topLevelMustBeAMapping() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", "- seed: 1\n")
        #expect(diagnostics(path) == ["\(path):1:1: an experiment file must be a mapping of keys, got a list"])
    }

    @Test func trainFolderWithoutClassFoldersIsReported() throws {
        let scratch = try ConfigScratch()
        try scratch.makeDataset()
        try scratch.write("Animals_Sounds/Empty/readme.txt", "no classes here\n")
        let path = try scratch.write("x.yaml", minimalModel + "data: {train: Empty}\n")
        #expect(diagnostics(path, dataDirectory: scratch.root) == [
            "\(path):5:15: data.train: folder 'Animals_Sounds/Empty' has no class folders",
        ])
    }
}

@Suite struct ConfigClassWeightTests {
    @Test func explicitWeightsMustNameClassFoldersWhenClassesAreNotListed() throws {
        let scratch = try ConfigScratch()
        try scratch.makeDataset()
        let path = try scratch.write("x.yaml", minimalModel + "train: {class_weights: {Bird: 2, Brid: 3}}\n")
        #expect(diagnostics(path, dataDirectory: scratch.root) == [
            "\(path):5:34: train.class_weights: no class folder 'Brid' in 'Animals_Sounds/Training' (did you mean 'Bird'?)",
        ])
    }

    @Test func classWeightsAcceptNoneBalancedOrAMapping() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + "train: {class_weights: balance}\n")
        #expect(diagnostics(path) == [
            "\(path):5:24: train.class_weights must be none, balanced or a mapping of class: weight, got 'balance' (did you mean 'balanced'?)",
        ])
        let ok = try ExperimentConfig.load(path: path, overrides: ["train.class_weights={Cat: 0.5}"], dataDirectory: nil)
        #expect(ok.train.classWeights == .explicit(["Cat": 0.5]))
    }
}
