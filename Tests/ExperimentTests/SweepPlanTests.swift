import Experiment
import Foundation
import Testing

/// How a sweep expands into runs: names, order, seeds, the id, and where a mistake is reported.
@Suite struct SweepPlanTests {
    let aug = "augmentation:\n  - {type: gain, db: [-3, 3], p: 0.5}\n"

    @Test func gridTimesSeedsGivesReadableNamesInOrder() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("gmp.yaml", "seed: [42, 7]\n" + aug + minimalModel)
        let spec = SweepSpec(experiments: [path], axes: [try SweepAxis(parsing: "train.optimizer.lr=1e-3,3e-4"),
                                                         try SweepAxis(parsing: "augmentation.0.p=0.25,0.5")], seeds: [7, 1])
        let plan = try SweepPlan.expand(spec, dataDirectory: nil)
        #expect(plan.runs.map(\.name) == [
            "gmp-lr=1e-3-p=0.25-seed7", "gmp-lr=1e-3-p=0.25-seed1", "gmp-lr=1e-3-p=0.5-seed7", "gmp-lr=1e-3-p=0.5-seed1",
            "gmp-lr=3e-4-p=0.25-seed7", "gmp-lr=3e-4-p=0.25-seed1", "gmp-lr=3e-4-p=0.5-seed7", "gmp-lr=3e-4-p=0.5-seed1",
        ])
        #expect(plan.keys == ["train.optimizer.lr", "augmentation.0.p"])
        let run = plan.runs[5]
        #expect(run.values == ["3e-4", "0.25"] && run.seed == 1)
        #expect(run.overrides == ["train.optimizer.lr=3e-4", "augmentation.0.p=0.25", "name=gmp-lr=3e-4-p=0.25", "seed=[7, 1]"])
        // Each run's resolved config is the single-seed config `soundlab run --only-seed` writes.
        #expect(run.resolvedYAML.contains("\nseed: 1\n") && run.resolvedYAML.hasPrefix("name: gmp-lr=3e-4-p=0.25\n"))
        #expect(run.resolvedYAML.contains("lr: 0.0003"))
        // The id is a function of the runs: the same sweep finds the same folder, another grid another one.
        #expect(try SweepPlan.expand(spec, dataDirectory: nil).id == plan.id)
        #expect(plan.id.hasPrefix("gmp-") && plan.id.count == "gmp-".count + 8)
        var other = spec
        other.seeds = [7]
        #expect(try SweepPlan.expand(other, dataDirectory: nil).id != plan.id)
    }

    @Test func withoutGridTheExperimentsOwnSeedsAndFoldersAreKept() throws {
        let scratch = try ConfigScratch()
        let a = try scratch.write("a.yaml", "seed: [42, 7]\n" + minimalModel)
        let b = try scratch.write("b.yaml", "seed: 3\n" + minimalModel)
        let base = try scratch.write("base.yaml", "abstract: true\n")
        let plan = try SweepPlan.expand(SweepSpec(experiments: [base, a, b]), dataDirectory: nil)
        // The folders `soundlab run` writes, with the configs it writes: a sweep of experiments/*.yaml skips what
        // `make experiments` already trained.
        #expect(plan.runs.map(\.name) == ["a-seed42", "a-seed7", "b"])
        #expect(plan.runs.map(\.overrides) == [[], [], []])
        #expect(plan.abstract == [base])
        let a7 = try ExperimentConfig.load(path: a, dataDirectory: nil).forSeed(7)
        #expect(plan.runs[1].resolvedYAML == a7.resolvedYAML)
    }

    @Test func keysSharingALastSegmentAreNamedInFull() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("m.yaml", aug + minimalModel)
        let spec = SweepSpec(experiments: [path], axes: [try SweepAxis(parsing: "augmentation.0.p=0.5"),
                                                         try SweepAxis(parsing: "train.optimizer.lr=0.01"),
                                                         try SweepAxis(parsing: "model.layers.1.units=classes"),
                                                         try SweepAxis(parsing: "data.validation_fraction=0.1")])
        #expect(try SweepPlan.expand(spec, dataDirectory: nil).runs.map(\.name)
            == ["m-p=0.5-lr=0.01-units=classes-validation_fraction=0.1"])
        let twice = SweepSpec(experiments: [path], axes: [try SweepAxis(parsing: "train.optimizer.lr=0.01"),
                                                          try SweepAxis(parsing: "train.schedule.lr=0.1")])
        #expect(SweepPlan.labels(twice.axes.map(\.key)) == ["train.optimizer.lr", "train.schedule.lr"])
    }

    @Test func gridTextSplitsOnlyAtTopLevelCommas() throws {
        #expect(try SweepAxis(parsing: "model.input_shape=[32, 32],[64, 16]").values == ["[32, 32]", "[64, 16]"])
        #expect(throws: ConfigError.self) { try SweepAxis(parsing: "train.epochs") }
        #expect(throws: ConfigError.self) { try SweepAxis(parsing: "train.epochs=1,,2") }
        #expect(throws: ConfigError.self) { try SweepAxis(parsing: "train.epochs=1,1") }
        #expect(throws: ConfigError.self) { try SweepAxis(parsing: "seed=1,2") }
    }

    @Test func sweepFileNamesRunsLikeTheCommandLine() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("gmp.yaml", aug + minimalModel)
        let file = try scratch.write("s.yaml", """
            sweep:
              experiments: [\(path)]
              grid:
                train.optimizer.lr: [1e-3, 3.0e-4]
                augmentation.0.p: [0.25]
              seeds: [42, 7]

            """)
        let spec = try SweepSpec.load(path: file)
        #expect(spec.axes.map(\.values) == [["1e-3", "3.0e-4"], ["0.25"]])
        let cli = SweepSpec(experiments: [path], axes: [try SweepAxis(parsing: "train.optimizer.lr=1e-3,3.0e-4"),
                                                        try SweepAxis(parsing: "augmentation.0.p=0.25")], seeds: [42, 7])
        #expect(try SweepPlan.expand(spec, dataDirectory: nil).runs == SweepPlan.expand(cli, dataDirectory: nil).runs)
    }

    @Test func typosInASweepFileAreLocatedWithTheNearestKey() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("gmp.yaml", minimalModel)
        func problems(_ text: String) throws -> [String] {
            let file = try scratch.write("s.yaml", text)
            do {
                _ = try SweepPlan.expand(try SweepSpec.load(path: file), dataDirectory: nil)
                return []
            } catch let error as ConfigError {
                return error.diagnostics.map { $0.description.replacingOccurrences(of: file, with: "s.yaml") }
            }
        }
        #expect(try problems("sweep:\n  experiments: [\(path)]\n  gird: {train.epochs: [1, 2]}\n")
            == ["s.yaml:3:3: unknown key 'gird' in sweep (did you mean 'grid'?)"])
        #expect(try problems("sweep:\n  experiments: [\(path)]\n  seeds: [1, x]\n")
            == ["s.yaml:3:14: sweep.seeds.1 must be an integer, got 'x'"])
        #expect(try problems("sweep:\n  experiments: [\(path)]\n  grid:\n    train.epochs: 3\n")
            == ["s.yaml:4:19: sweep.grid.train.epochs must be a non-empty list of values"])
        // A grid key the experiment schema does not know is reported where the sweep file names it.
        #expect(try problems("sweep:\n  experiments: [\(path)]\n  grid:\n    train.optimiser.lr: [0.1]\n")
            == ["s.yaml:4:5: unknown key 'optimiser' in train (did you mean 'optimizer'?)"])
        #expect(try problems("sweeps:\n  experiments: [\(path)]\n").first == "s.yaml:1:1: unknown top-level key 'sweeps' (did you mean 'sweep'?)")
    }
}
