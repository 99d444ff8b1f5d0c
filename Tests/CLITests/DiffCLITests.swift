import Foundation
import RunStore
import Testing

/// A runs directory holding the finished runs `alpha` (3 epochs) and `beta` (5 epochs).
private func twoRuns(alphaHasValidationSet: Bool = false) throws -> ScratchDirectory {
    let dir = try ScratchDirectory("diff")
    let runs = dir.path("runs")
    try RunFixtures.write(in: runs, folder: "alpha", experiment: "alpha", seed: 1, RunFixtures.alpha,
                          validationSet: alphaHasValidationSet)
    try RunFixtures.write(in: runs, folder: "beta", experiment: "beta", seed: 1, RunFixtures.beta)
    return dir
}

@Test func diffPrintsTheChangedKeysTheMetricDeltasClassesAndConfusion() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/alpha", "runs/beta"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(Array(lines.prefix(12)) == [
        "config: alpha → beta",
        "keys that differ (name and seed left out; --all lists every key):",
        "  train.epochs: 3 → 5",
        "",
        "summary (test):",
        "metric                   a          b      delta",
        "accuracy          0.750000   0.812500  +0.062500",
        "macro_f1          0.700000   0.800000  +0.100000",
        "weighted_f1       0.720000   0.810000  +0.090000",
        "macro_precision   0.710000   0.790000  +0.080000",
        "macro_recall      0.690000   0.800000  +0.110000",
        "parameters            1234       2000       +766",
    ], "\(result.stdout)")
    #expect(lines.contains("epochs_run               3          5         +2"))
    #expect(lines.contains { $0.hasPrefix("per class (test)") })
    #expect(lines.contains { $0.hasPrefix("confusion (test), summed over each side's runs: ") })
}

@Test func diffTheOtherWayRoundNegatesEveryDelta() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/beta", "runs/alpha/"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(Array(lines.prefix(3)) == ["config: beta → alpha", "keys that differ (name and seed left out; --all lists every key):",
                                       "  train.epochs: 5 → 3"])
    #expect(lines.contains("accuracy          0.812500   0.750000  -0.062500"))
    #expect(lines.contains("parameters            2000       1234       -766"))
    #expect(lines.contains("epochs_run               5          3         -2"))
}

@Test func diffOfARunWithItselfSaysConfigsIdenticalAndZeroDeltas() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/alpha", "runs/alpha"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(Array(lines.prefix(3)) == ["config: alpha → alpha", "(configs identical but for name and seed)", ""])
    #expect(lines.contains("accuracy          0.750000   0.750000  0.000000"))
    #expect(lines.contains("parameters            1234       1234         0"))
    #expect(lines.last(where: { !$0.isEmpty }) == "confusion (test), summed over each side's runs: no cell moved")
}

@Test func diffShowsEveryEvaluationSetWithDashesWhereOneRunLacksIt() throws {
    let dir = try twoRuns(alphaHasValidationSet: true)
    let result = try SoundLabCLI.run(["diff", "runs/alpha", "runs/beta"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let validation = try #require(lines.firstIndex(of: "summary (validation):"))
    let test = try #require(lines.firstIndex(of: "summary (test):"))
    #expect(validation < test)
    #expect(lines[validation + 2] == "accuracy          0.500000  -      -")
    #expect(lines[test + 2] == "accuracy          0.750000   0.812500  +0.062500")
}

/// Experiments by name: every seed of each, means ± sd, a paired comparison over the shared seeds; --md and --json
/// carry the same; --fail-on-regression exits 1 only when B is worse than A beyond the tolerance.
@Test func diffOfTwoExperimentsOverTheirSeedsInEveryFormat() throws {
    let dir = try ScratchDirectory("diff-groups")
    let runs = dir.path("runs")
    for seed: UInt64 in [1, 2] {
        var alpha = RunFixtures.alpha, beta = RunFixtures.beta
        alpha.accuracy += Double(seed) * 0.01
        beta.accuracy -= Double(seed) * 0.01
        try RunFixtures.write(in: runs, folder: "alpha-seed\(seed)", experiment: "alpha", seed: seed, alpha)
        try RunFixtures.write(in: runs, folder: "beta-seed\(seed)", experiment: "beta", seed: seed, beta)
    }
    let text = try SoundLabCLI.run(["diff", "alpha", "beta"], directory: dir.url)
    #expect(text.status == 0, "stderr: \(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0] == "config: alpha (2 runs, seeds 1, 2) → beta (2 runs, seeds 1, 2)")
    #expect(lines.contains("accuracy          0.765000 ± 0.007071   0.797500 ± 0.007071  +0.032500"), "\(text.stdout)")
    #expect(lines.contains { $0.hasPrefix("paired over the 2 shared seed(s) 1, 2: macro_f1 b − a +0.100000") })
    let md = try SoundLabCLI.run(["diff", "alpha", "beta", "--md"], directory: dir.url)
    #expect(md.stdout.contains("| accuracy | 0.765000 ± 0.007071 | 0.797500 ± 0.007071 | +0.032500 |"), "\(md.stdout)")
    let json = try SoundLabCLI.run(["diff", "alpha", "beta", "--json"], directory: dir.url)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect((object?["config"] as? [[String: Any]])?.map { $0["key"] as? String } == ["train.epochs"])
    #expect(try SoundLabCLI.run(["diff", "alpha", "beta", "--fail-on-regression", "accuracy"], directory: dir.url).status == 0)
    let worse = try SoundLabCLI.run(["diff", "beta", "alpha", "--fail-on-regression", "accuracy:0.01"], directory: dir.url)
    #expect(worse.status == 1 && worse.stderr.contains("accuracy regressed from 0.797500 (beta) to 0.765000 (alpha)"), "\(worse.stderr)")
    #expect(try SoundLabCLI.run(["diff", "beta", "alpha", "--fail-on-regression", "accuracy:0.05"], directory: dir.url).status == 0)
    let typo = try SoundLabCLI.run(["diff", "alpah", "beta"], directory: dir.url)
    #expect(typo.status == 2 && typo.stderr.contains("did you mean 'alpha'?"), "\(typo.stderr)")
}

/// The two committed rows differ in exactly their augmentation, loss weighting and epochs (issue 18's golden diff).
@Test func diffOfTheCommittedBaselineAndEnhancedExperimentsNamesTheirKeys() throws {
    let result = try SoundLabCLI.run(["diff", "baseline_1d_cnn", "enhanced_1d_cnn", "--runs", SoundLabCLI.packageRoot.appendingPathComponent("runs").path])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let keys = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.dropFirst(2).map { String($0.split(separator: ":")[0]).trimmingCharacters(in: .whitespaces) }
    #expect(keys == ["augmentation.0.type", "augmentation.0.p", "augmentation.0.folder", "augmentation.0.snr_db", "augmentation.0.mode",
                     "augmentation.0.min_noise_rms", "augmentation.1.type", "augmentation.1.p", "augmentation.1.freq_masks",
                     "augmentation.1.freq_width", "augmentation.1.time_masks", "augmentation.1.time_width", "train.epochs",
                     "train.class_weights"], "\(result.stdout)")
    // Runs that wrote out_of_set show it beside ece (one list of summary metrics serves table and diff).
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("out_of_set        0.000000 ± 0.000000   0.000000 ± 0.000000    0.000000"), "\(result.stdout)")
}

@Test func diffOfAMissingRunExitsTwoWithOneLineNamingIt() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/alpha", "runs/nope"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.count == 1)
    let line = try #require(result.stderrLines.first)
    #expect(line.hasPrefix("error: "))
    #expect(line.hasSuffix("runs/nope: no such run folder"))
}

@Test func diffOfAnUnfinishedRunExitsTwoSayingItIsNotFinished() throws {
    let dir = try twoRuns()
    let killed = try RunFixtures.writeUnfinished(in: dir.path("runs"), folder: "gamma", seed: 3, RunFixtures.beta)
    let result = try SoundLabCLI.run(["diff", "runs/alpha", killed.temporaryFolder.path], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == ["error: \(killed.temporaryFolder.path): not a finished run (run.json missing or not complete)"])
}

@Test func diffOfAFileInsteadOfARunFolderExitsTwo() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/alpha/config.yaml", "runs/beta"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.count == 1)
    #expect(result.stderr.contains("runs/alpha/config.yaml"))
}

@Test func diffOfARunWithACorruptLabelsFileExitsTwoNamingTheFile() throws {
    let dir = try twoRuns()
    try dir.write("[\"Cat\", \"Dog\"]\n", to: "runs/beta/labels.json")
    let result = try SoundLabCLI.run(["diff", "runs/alpha", "runs/beta"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.count == 1)
    #expect(result.stderr.contains("runs/beta/labels.json: expected a JSON object of index → class name"))
}
