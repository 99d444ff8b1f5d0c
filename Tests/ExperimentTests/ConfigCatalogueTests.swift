import Experiment
import Foundation
import Testing

/// One example per catalogue entry (Fixtures/catalogue-examples.txt says what each holds).
private struct CatalogueExample {
    var yaml = ""
    var resolvedLines: [String] = []
    /// For an entry the trainer cannot use yet: the diagnostic that refuses it, after `file:`.
    var refusal: String? = nil

    /// The examples by `kind/name`.
    static func load() throws -> [String: CatalogueExample] {
        guard let url = Bundle.module.url(forResource: "catalogue-examples", withExtension: "txt", subdirectory: "Fixtures")
        else { throw CocoaError(.fileNoSuchFile) }
        var examples: [String: CatalogueExample] = [:], name = "", inFragment = false
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        where !line.hasPrefix("#") {
            if line.hasPrefix("== ") {
                name = String(line.dropFirst(3))
                examples[name] = CatalogueExample()
                inFragment = true
            } else if line == "--" {
                inFragment = false
            } else if inFragment {
                examples[name]?.yaml += line + "\n"
            } else if line.hasPrefix("refused: ") {
                examples[name]?.refusal = String(line.dropFirst("refused: ".count))
            } else {
                examples[name]?.resolvedLines.append(line)
            }
        }
        return examples
    }
}

private let examples = (try? CatalogueExample.load()) ?? [:]

/// Every registered entry, as `kind/name`.
private let registered: [String] = Catalogues.all.flatMap { c in c.names.map { "\(c.kind)/\($0)" } }

@Suite struct ConfigCatalogueTests {
    @Test func everyCatalogueEntryHasAnExampleHere() {
        let missing = registered.filter { examples[$0] == nil }
        #expect(missing.isEmpty, "catalogue entries without an example in Fixtures/catalogue-examples.txt: \(missing)")
        let stale = examples.keys.filter { !registered.contains($0) }.sorted()
        #expect(stale.isEmpty, "examples of entries no catalogue has: \(stale)")
        #expect(registered.count == 25)
    }

    @Test(arguments: registered)
    func entryRoundTripsThroughTheResolvedYAML(_ entry: String) throws {
        let example = try #require(examples[entry], "no example for \(entry)")
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + "data: {validation_fraction: 0.2}\n" + example.yaml)
        if let refusal = example.refusal {
            // Its options are read (none is reported unknown); only the trainer's missing support is.
            #expect(diagnostics(path) == ["\(path):\(refusal)"])
            return
        }
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        let yaml = config.resolvedYAML
        for line in example.resolvedLines {
            #expect(yaml.contains("\n" + line + "\n"), "\(entry): resolved YAML lacks '\(line)':\n\(yaml)")
        }
        let again = try ExperimentConfig.parse(yaml: yaml, file: "resolved.yaml", dataDirectory: nil)
        #expect(again == config, "\(entry)")
        #expect(again.resolvedYAML == yaml, "\(entry)")
        var other = config
        other.train.epochs += 1
        #expect(other != config)
    }
}

@Suite struct ConfigCatalogueValidationTests {
    @Test func unknownNamesOfEveryKindAreLocatedWithTheNearestName() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            augmentation:
              - {type: gian, db: [-1, 1]}
            train:
              loss: {type: focall, gamma: 3}
              schedule: {type: cosin}
              sampler: balance
            """)
        #expect(diagnostics(path) == [
            "\(path):6:12: augmentation.0.type must be one of noise, gain, time_shift, pitch_shift, spec_augment, mixup, "
                + "band_limit, resample, reverb, coloured_noise, got 'gian' (did you mean 'gain'?)",
            "\(path):8:16: train.loss.type must be one of cross_entropy, focal, ntxent, prototypical, got 'focall' "
                + "(did you mean 'focal'?)",
            "\(path):9:20: train.schedule.type must be one of constant, step, cosine, plateau, got 'cosin' "
                + "(did you mean 'cosine'?)",
            "\(path):10:12: train.sampler must be one of shuffle, balanced, oversample, got 'balance' "
                + "(did you mean 'balanced'?)",
        ])
    }

    @Test func anOptionOfAnotherEntryIsRefusedButItsResolvedValueIsAccepted() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            train:
              optimizer: {type: adam, momentum: 0.9, nesterov: false}
              loss: {type: cross_entropy, gamma: 2.0, alpha: 0.5}
              schedule: {type: constant, warmup_epochs: 2}
            """)
        #expect(diagnostics(path) == [
            "\(path):6:37: train.optimizer.momentum is an option of sgd, not adam (only its resolved value 0 is accepted here)",
            "\(path):7:50: train.loss.alpha is an option of focal, not cross_entropy (only its resolved value null is accepted here)",
            "\(path):8:45: train.schedule.warmup_epochs is an option of cosine, not constant (only its resolved value 0 is accepted here)",
        ])
        // A key no entry of the kind has is unknown, with the nearest key of the chosen entry.
        let typo = try scratch.write("typo.yaml", minimalModel + "augmentation: [{type: mixup, alpah: 0.3}]\n")
        #expect(diagnostics(typo) == ["\(typo):5:30: unknown key 'alpah' in augmentation.0 (did you mean 'alpha'?)"])
    }

    @Test func featureSizesThatWouldExhaustMemoryAreRefusedByValidate() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + "features: {max_frames: 1000000000}\n")
        #expect(diagnostics(path) == [
            "\(path):5:24: features.max_frames must be at most 8192 with n_mels 128 (max_frames * n_mels at most "
                + "1048576 values per clip), got 1000000000",
        ])
        let fits = try scratch.write("fits.yaml", minimalModel + "features: {max_frames: 8192}\n")
        #expect(diagnostics(fits) == [])
        let augmentations = try scratch.write("aug.yaml", minimalModel + """
            augmentation:
              - {type: gain, db: [-100, 6]}
              - {type: mixup, alpha: 1000}
            """)
        #expect(diagnostics(augmentations) == [
            "\(augmentations):6:23: augmentation.0.db.0 must be between -60 and 60, got -100",
            "\(augmentations):7:26: augmentation.1.alpha must be in (0, 100], got 1000",
        ])
    }

    @Test func channelConditionsReportBadListsAndRanges() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + """
            augmentation:
              - {type: resample, rates: []}
              - {type: resample, rates: [8000, 0, 1.5]}
              - {type: resample, rates: 8000}
              - {type: band_limit, cutoff_hz: [6000, 3000]}
              - {type: reverb, rt60: [0, 0.5]}
            """)
        #expect(diagnostics(path) == [
            "\(path):6:29: augmentation.0.rates must list at least one integer",
            "\(path):7:36: augmentation.1.rates.1 must be greater than 0, got 0",
            "\(path):7:39: augmentation.1.rates.2 must be an integer, got 1.5",
            "\(path):8:29: augmentation.2.rates must be a non-empty list of integers, got 8000",
            "\(path):9:35: augmentation.3.cutoff_hz must be [min, max] with min <= max, got [6000, 3000]",
            "\(path):10:27: augmentation.4.rt60.0 must be in (0, 5], got 0",
        ])
    }

    @Test func cosineWarmupMustEndBeforeTraining() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", minimalModel + "train: {epochs: 4, schedule: {type: cosine, warmup_epochs: 4}}\n")
        #expect(diagnostics(path) == ["\(path):5:60: train.schedule.warmup_epochs must be less than train.epochs (4), got 4"])
    }
}

@Suite struct ConfigCommittedRunsTests {
    /// The runner retrains a run whose stored config differs from the resolved one by a byte, so every committed
    /// run's config.yaml must still be exactly what its experiment resolves to.
    @Test func committedRunConfigsAreByteIdentical() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(repositoryRoot)/experiments").filter { $0.hasSuffix(".yaml") }.sorted()
        var checked = 0
        for file in files {
            let experiment = try ExperimentConfig.load(path: "\(repositoryRoot)/experiments/\(file)", dataDirectory: nil)
            if experiment.isAbstract { continue }
            checked += try check(experiment)
        }
        #expect(checked >= 7 * 4, "every shipped experiment has its four committed runs")
    }

    private func check(_ experiment: ExperimentConfig) throws -> Int {
        let name = experiment.name
        #expect(experiment.seeds == [42, 7, 1, 3])
        for seed in experiment.seeds {
            let stored = try String(contentsOfFile: "\(repositoryRoot)/runs/\(name)-seed\(seed)/config.yaml", encoding: .utf8)
            #expect(experiment.forSeed(seed).resolvedYAML == stored, "\(name) seed \(seed)")
        }
        return experiment.seeds.count
    }
}
