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

@Test func diffPrintsTheConfigLineDiffAndTheMetricDeltas() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/alpha", "runs/beta"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    let expected = [
        "--- alpha/config.yaml",
        "+++ beta/config.yaml",
        "@@ -1,1 +1,1 @@",
        "-name: alpha",
        "+name: beta",
        "@@ -5,1 +5,1 @@",
        "-  epochs: 3",
        "+  epochs: 5",
        "",
        "summary (test):",
        "metric                   a          b      delta",
        "accuracy          0.750000   0.812500  +0.062500",
        "macro_f1          0.700000   0.800000  +0.100000",
        "weighted_f1       0.720000   0.810000  +0.090000",
        "macro_precision   0.710000   0.790000  +0.080000",
        "macro_recall      0.690000   0.800000  +0.110000",
        "parameters            1234       2000       +766",
        "train_seconds    12.500000  20.400000  +7.900000",
        "epochs_run               3          5         +2",
        "",
    ]
    #expect(result.stdout == expected.joined(separator: "\n"))
}

@Test func diffTheOtherWayRoundNegatesEveryDelta() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/beta", "runs/alpha/"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(Array(lines.prefix(5)) == ["--- beta/config.yaml", "+++ alpha/config.yaml", "@@ -1,1 +1,1 @@",
                                       "-name: beta", "+name: alpha"])
    #expect(lines.contains("accuracy          0.812500   0.750000  -0.062500"))
    #expect(lines.contains("parameters            2000       1234       -766"))
    #expect(lines.contains("epochs_run               5          3         -2"))
}

@Test func diffOfARunWithItselfSaysConfigsIdenticalAndZeroDeltas() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["diff", "runs/alpha", "runs/alpha"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(Array(lines.prefix(4)) == ["--- alpha/config.yaml", "+++ alpha/config.yaml", "(configs identical)", ""])
    #expect(lines.contains("accuracy          0.750000   0.750000  0.000000"))
    #expect(lines.contains("parameters            1234       1234         0"))
    #expect(!result.stdout.contains("+0") && !result.stdout.contains("-0"))
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
