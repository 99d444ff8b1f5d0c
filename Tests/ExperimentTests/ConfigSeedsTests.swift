import Experiment
import Testing

/// `seed` as one integer or a list of them (one run per seed).
@Suite struct ConfigSeedsTests {
    @Test func seedListGivesOneConfigPerSeedAndOneFolderPerSeed() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("rep.yaml", "seed: [42, 7, 1]\n" + minimalModel)
        let c = try ExperimentConfig.load(path: path, dataDirectory: nil)
        #expect(c.seeds == [42, 7, 1] && c.seed == 42)
        #expect(c.seeds.map { c.runFolderName(seed: $0) } == ["rep-seed42", "rep-seed7", "rep-seed1"])
        let seven = c.forSeed(7)
        #expect(seven.seed == 7 && seven.seeds == [7] && seven.name == "rep")
        // Each run's config.yaml is a plain single-seed config: rerunning it reproduces that seed's run.
        #expect(seven.resolvedYAML.contains("\nseed: 7\n"))
        #expect(try ExperimentConfig.parse(yaml: seven.resolvedYAML, file: "rep.yaml", dataDirectory: nil) == seven)
        // The list itself round-trips too.
        #expect(c.resolvedYAML.contains("\nseed: [42, 7, 1]\n") || c.resolvedYAML.contains("\nseed:\n- 42\n- 7\n- 1\n"))
        #expect(try ExperimentConfig.parse(yaml: c.resolvedYAML, file: "rep.yaml", dataDirectory: nil) == c)
    }

    @Test func singleSeedKeepsThePlainFolderName() throws {
        let scratch = try ConfigScratch()
        let c = try ExperimentConfig.load(path: try scratch.write("one.yaml", "seed: 3\n" + minimalModel), dataDirectory: nil)
        #expect(c.seeds == [3] && c.runFolderName(seed: 3) == "one")
        // An override replaces the list, as for every list.
        let over = try ExperimentConfig.load(path: try scratch.write("l.yaml", "seed: [1, 2]\n" + minimalModel),
                                             overrides: ["seed=9"], dataDirectory: nil)
        #expect(over.seeds == [9] && over.runFolderName(seed: 9) == "l")
    }

    @Test func badSeedListsAreLocatedErrors() throws {
        let scratch = try ConfigScratch()
        let a = try scratch.write("a.yaml", "seed: [1, 2, 1]\n" + minimalModel)
        #expect(diagnostics(a) == ["\(a):1:14: seed.2 repeats seed 1"])
        let b = try scratch.write("b.yaml", "seed: []\n" + minimalModel)
        #expect(diagnostics(b) == ["\(b):1:7: seed must be an integer or a non-empty list of integers, got []"])
        let c = try scratch.write("c.yaml", "seed: [1, -2]\n" + minimalModel)
        #expect(diagnostics(c) == ["\(c):1:11: seed.1 must be at least 0, got -2"])
    }
}
