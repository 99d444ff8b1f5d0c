import AudioFeatures
import Experiment
import Testing

@Suite struct ConfigResolvedTests {
    @Test func defaultsAreFilledIn() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("my_exp.yaml", minimalModel)
        let c = try ExperimentConfig.load(path: path, dataDirectory: nil)
        #expect(c.name == "my_exp")
        #expect(c.seed == 42)
        #expect(c.data == DataConfig())
        #expect(c.data.root == "Animals_Sounds" && c.data.validationFraction == 0.2 && c.data.classes == nil)
        #expect(c.features == FeatureSettings())
        #expect(c.features.sampleRate == 16000 && c.features.nFFT == 1024 && c.features.hopLength == 512)
        #expect(c.features.nMels == 128 && c.features.fmax == nil && c.features.topDB == 80 && c.features.maxFrames == 500)
        #expect(c.augmentation.isEmpty)
        #expect(c.model.inputShape == [500, 128])
        #expect(c.train.epochs == 30 && c.train.batchSize == 32)
        #expect(c.train.optimizer.lr == 1e-3 && (c.train.optimizer.entry as? AdamOptions)?.epsilon == 1e-7)
        #expect(c.train.earlyStopping.patience == nil && c.train.earlyStopping.restoreBest)
        #expect(c.train.classWeights == .unweighted && c.train.sampler is ShuffleSampler)
        #expect(c.evaluate.sets == [EvaluationSet(name: "test", path: "Test")])
    }

    @Test func transformDefaultsAreFilledIn() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            data: {noise: Noise/rain}
            augmentation:
              - type: noise
              - type: gain
              - type: time_shift
              - type: pitch_shift
              - type: spec_augment
              - {type: mixup, p: 0.25}
            """)
        let c = try ExperimentConfig.load(path: path, dataDirectory: nil)
        #expect(c.augmentation.map(\.transform.name) == ["noise", "gain", "time_shift", "pitch_shift", "spec_augment", "mixup"])
        #expect(c.augmentation.map(\.p) == [1, 1, 1, 1, 1, 0.25])
        let noise = try #require(c.augmentation[0].transform as? NoiseAugmentation)
        #expect(noise.folder == "Noise/rain" && noise.snrDB == 0...20 && noise.mode == .naive && noise.minNoiseRMS == 1e-4)
        #expect((c.augmentation[1].transform as? GainAugmentation)?.db == -6...6)
        #expect((c.augmentation[2].transform as? TimeShiftAugmentation)?.maxSeconds == 0.5)
        #expect((c.augmentation[3].transform as? PitchShiftAugmentation)?.semitones == -2...2)
        let masks = try #require(c.augmentation[4].transform as? SpecAugmentMasks)
        #expect([masks.freqMasks, masks.freqWidth, masks.timeMasks, masks.timeWidth] == [2, 15, 2, 40])
        #expect((c.augmentation[5].transform as? MixupAugmentation)?.alpha == 0.2)
    }

    @Test func resolvedYAMLRoundTripsToAnEqualConfig() throws {
        let scratch = try ConfigScratch()
        try scratch.write("base.yaml", "abstract: true\ntrain: {optimizer: {type: adamw, weight_decay: 0.01}}\n")
        let path = try scratch.write("x.yaml", """
            extends: base.yaml
            seed: 3
            data: {classes: ['No', Cat, '5']}
            features: {fmax: 7600.5, top_db: null, pad_mode: reflect, normalization: none}
            augmentation:
              - {type: noise, p: 0.5, snr_db: [5, 20], mode: calibrated, min_noise_rms: 3.0e-5}
              - {type: spec_augment, time_width: 20}
            model:
              input_shape: [500, 128, 1]
              blocks:
                conv:
                  params: {filters: 32, rate: 0.25}
                  layers:
                    - {type: conv1d, filters: $filters, kernel_size: 3}
                    - {type: dropout, rate: $rate}
              layers:
                - {type: conv, filters: 64}
                - {type: dense, units: classes, activation: softmax, use_bias: true, scale: 1.0, label: "007"}
            train:
              schedule: {type: cosine, warmup_epochs: 2, min_lr: 1e-6}
              loss: {type: focal, alpha: 0.25}
              class_weights: {Cat: 2.5, 'No': 1}
              early_stopping: {monitor: val_macro_f1, patience: 5}
            evaluate:
              sets:
                - {name: clean, path: Test}
                - {name: windy, path: Test, noise: {folders: Noise/wind, snr_db: 0}}
                - {name: curve, path: Test, map: {Cat: null, 'No': Cat}, transforms: [{type: gain, db: [-3, 3]}],
                   noise: {folders: [Noise/wind, Noise/rain], snr_db: [10, 0.5, -5]}}
            """)
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        let yaml = config.resolvedYAML
        let again = try ExperimentConfig.parse(yaml: yaml, file: "resolved.yaml", dataDirectory: nil)
        #expect(again == config)
        #expect(again.resolvedYAML == yaml)
        // Values whose YAML spelling could change type keep it: quoted strings, floats that look integral.
        #expect(again.data.classes == ["No", "Cat", "5"])
        guard case .sequential(let layers) = again.model.architecture else {
            Issue.record("expected layers")
            return
        }
        #expect(layers[1]["scale"]?.kind == .double(1.0))
        #expect(layers[1]["label"]?.kind == .string("007"))
        #expect(again.model.blocks.first?.params.map(\.key) == ["filters", "rate"])
        #expect(again.features.fmax == 7600.5 && again.features.topDB == nil)
        #expect(again.train.classWeights == .explicit(["Cat": 2.5, "No": 1]))
        #expect(again.evaluate.sets[1].noise == EvaluationNoise(folders: ["Noise/wind"], snrDB: [0]))
        #expect(again.evaluate.sets[2].noise == EvaluationNoise(folders: ["Noise/wind", "Noise/rain"], snrDB: [10, 0.5, -5]))
        #expect(again.evaluate.sets[2].map == [ClassRename(from: "Cat", to: nil), ClassRename(from: "No", to: "Cat")])
        #expect(again.evaluate.sets[2].transforms.map(\.transform.name) == ["gain"] && again.evaluate.sets[2].isCurve)
        #expect((again.train.optimizer.entry as? AdamWOptions)?.weightDecay == 0.01)
    }

    @Test func resolvedYAMLWritesEveryDefaultInSchemaOrder() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel)
        let yaml = try ExperimentConfig.load(path: path, dataDirectory: nil).resolvedYAML
        let topLevel = yaml.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") }
        #expect(topLevel == ["name: x", "seed: 42", "abstract: false", "data:", "features:", "augmentation: []",
                             "model:", "train:", "evaluate:"])
        for line in ["  validation_fraction: 0.2", "  fmax: null", "  top_db: 80", "  input_shape: [500, 128]",
                     "    lr: 0.001", "    epsilon: 1.0e-07", "  class_weights: none", "    patience: null",
                     "  - name: test", "    path: Test"] {
            #expect(yaml.contains("\n" + line + "\n"), "missing line \(line)")
        }
        #expect(!yaml.contains("extends"))
    }

    @Test func projectExperimentsValidateAgainstTheShippedDataset() throws {
        let names = ["base", "baseline_1d_cnn", "mixnoise_1d_cnn", "enhanced_1d_cnn"]
        var configs: [String: ExperimentConfig] = [:]
        for name in names {
            configs[name] = try ExperimentConfig.load(path: "\(repositoryRoot)/experiments/\(name).yaml",
                                                      dataDirectory: repositoryRoot)
        }
        #expect(configs["base"]?.isAbstract == true)
        let baseline = try #require(configs["baseline_1d_cnn"])
        #expect(!baseline.isAbstract && baseline.train.epochs == 30 && baseline.seeds == [42, 7, 1, 3])
        guard case .sequential(let layers) = baseline.model.architecture else {
            Issue.record("expected layers")
            return
        }
        #expect(layers.compactMap { $0["type"]?.string } == [
            "conv1d", "batch_norm", "max_pool1d", "dropout", "conv1d", "batch_norm", "max_pool1d", "dropout",
            "flatten", "dense", "dropout", "dense",
        ])
        let mixnoise = try #require(configs["mixnoise_1d_cnn"])
        #expect(mixnoise.model == baseline.model)
        var wind = NoiseAugmentation.defaults
        wind.folder = "Noise/wind"
        wind.snrDB = 0...20
        #expect(mixnoise.augmentation == [AugmentationConfig(transform: wind)])
        let enhanced = try #require(configs["enhanced_1d_cnn"])
        #expect(enhanced.train.classWeights == .balanced)
        #expect(enhanced.augmentation.first?.p == 0.25 && enhanced.train.epochs == 60)
    }
}

@Suite struct ConfigInCodeTests {
    @Test func configBuiltInCodeEqualsTheSameConfigReadFromYAML() throws {
        let layer = YAMLValue(.map([
            ConfigEntry(key: "type", keyLocation: SourceLocation("code"), value: YAMLValue(.string("flatten"), at: SourceLocation("code"))),
        ]), at: SourceLocation("code"))
        let built = ExperimentConfig(name: "x", model: ModelConfig(inputShape: [500, 128], architecture: .sequential([layer])))
        let read = try ExperimentConfig.parse(yaml: "model: {layers: [{type: flatten}]}\n", file: "x.yaml", dataDirectory: nil)
        #expect(built == read)
        #expect(built.resolvedYAML == read.resolvedYAML)
    }
}
