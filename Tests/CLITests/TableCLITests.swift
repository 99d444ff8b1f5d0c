import Foundation
import RunStore
import Testing

private let header = """
    | Experiment | Test accuracy | Weighted F1 | Macro F1 | Parameters | Training seconds |
    |---|---:|---:|---:|---:|---:|

    """
private let alphaRow = "| alpha | 0.7500 | 0.7200 | 0.7000 | 1234 | 12.5 |\n"
private let betaRow = "| beta | 0.8125 | 0.8100 | 0.8000 | 2000 | 20.4 |\n"

/// A runs directory holding the finished runs `alpha` and `beta`.
private func twoRuns() throws -> ScratchDirectory {
    let dir = try ScratchDirectory("table")
    let runs = dir.path("runs")
    try RunFixtures.write(in: runs, folder: "beta", experiment: "beta", seed: 1, RunFixtures.beta)
    try RunFixtures.write(in: runs, folder: "alpha", experiment: "alpha", seed: 1, RunFixtures.alpha)
    return dir
}

@Test func tableOfTwoFinishedRunsPrintsOneRowEachSortedByNameAndExitsZero() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["table", dir.path("runs").path])
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == header + alphaRow + betaRow)
    #expect(result.stderr.isEmpty)
    // Printing alone writes nothing.
    #expect(!dir.exists("runs/evaluation.md"))
    #expect(!dir.exists("runs/evaluation.csv"))
}

@Test func tableReadsTheRunsFolderOfTheWorkingDirectoryByDefault() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["table"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == header + alphaRow + betaRow)
}

@Test func tableWriteCreatesEvaluationMarkdownAndCSVBesideTheRuns() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["table", "runs", "--write"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == header + alphaRow + betaRow)
    #expect(try dir.read("runs/evaluation.md") == result.stdout)
    #expect(try dir.read("runs/evaluation.csv") == """
        experiment,runs,accuracy,accuracy_sd,weighted_f1,weighted_f1_sd,macro_f1,macro_f1_sd,parameters,train_seconds,train_seconds_sd
        alpha,1,0.750000,,0.720000,,0.700000,,1234,12.500000,
        beta,1,0.812500,,0.810000,,0.800000,,2000,20.400000,

        """)
    // Written atomically: no temporary file left beside them, and the written table lists no new run.
    let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path("runs").path).sorted()
    #expect(entries == ["alpha", "beta", "evaluation.csv", "evaluation.md"])
    let again = try SoundLabCLI.run(["table", "runs"], directory: dir.url)
    #expect(again.stdout == header + alphaRow + betaRow)
}

@Test func tableCollapsesSeedsOfOneExperimentIntoMeanAndSampleSD() throws {
    let dir = try twoRuns()
    try RunFixtures.write(in: dir.path("runs"), folder: "alpha-seed2", experiment: "alpha", seed: 2,
                          RunFixtures.alphaSeed2)
    let result = try SoundLabCLI.run(["table", "runs"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    // accuracy 0.75 and 0.85: mean 0.8, sample sd 0.05·√2 = 0.0707; seconds 12.5 and 13.5: sd 0.7071.
    #expect(result.stdout == header
        + "| alpha (2 seeds) | 0.8000 ± 0.0707 | 0.7700 ± 0.0707 | 0.7500 ± 0.0707 | 1234 | 13.0 ± 0.7 |\n"
        + betaRow)
}

@Test func tableSkipsUnfinishedRunsTempFoldersAndFoldersWithoutCompleteFlag() throws {
    let dir = try twoRuns()
    let runs = dir.path("runs")
    // A writer that never commits leaves its hidden temp folder behind.
    let killed = try RunFixtures.writeUnfinished(in: runs, folder: "gamma", seed: 3, RunFixtures.beta)
    #expect(FileManager.default.fileExists(atPath: killed.temporaryFolder.path))
    // A full copy of a run whose run.json lacks the complete flag, and a folder with no run.json at all.
    try FileManager.default.copyItem(at: runs.appendingPathComponent("beta"), to: runs.appendingPathComponent("delta"))
    let notComplete = RunFixtures.provenance(experiment: "delta", seed: 4, RunFixtures.beta)
    #expect(!notComplete.complete)
    try dir.write(try notComplete.json(), to: "runs/delta/run.json")
    try FileManager.default.copyItem(at: runs.appendingPathComponent("beta"), to: runs.appendingPathComponent("epsilon"))
    try FileManager.default.removeItem(at: runs.appendingPathComponent("epsilon/run.json"))

    let result = try SoundLabCLI.run(["table", "runs"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == header + alphaRow + betaRow)
    #expect(result.stderr.isEmpty)
}

@Test func tableOfAnEmptyRunsDirectoryPrintsOnlyTheHeader() throws {
    let dir = try ScratchDirectory("table")
    try FileManager.default.createDirectory(at: dir.path("runs"), withIntermediateDirectories: true)
    let result = try SoundLabCLI.run(["table", "runs"], directory: dir.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == header)
}

@Test func tableOfAMissingRunsDirectoryExitsTwoWithOneLine() throws {
    let dir = try ScratchDirectory("table")
    let result = try SoundLabCLI.run(["table", "no_runs_here"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.count == 1)
    let line = try #require(result.stderrLines.first)
    #expect(line.hasPrefix("error: "))
    #expect(line.hasSuffix("/no_runs_here: no such runs directory"))
}

@Test func tableOfAFinishedRunWithACorruptSummaryExitsTwoNamingTheFile() throws {
    let dir = try twoRuns()
    try dir.write("experiment,accuracy\nbeta,oops\n", to: "runs/beta/metrics/summary.csv")
    let result = try SoundLabCLI.run(["table", "runs", "--write"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.count == 1)
    let line = try #require(result.stderrLines.first)
    #expect(line.hasPrefix("error: "))
    #expect(line.contains("runs/beta/metrics/summary.csv: header is 'experiment,accuracy'"))
    // Nothing half-done is left behind as if it were the table.
    #expect(!dir.exists("runs/evaluation.md"))
    #expect(!dir.exists("runs/evaluation.csv"))
}

@Test func tableChartsWritesTheComparisonChartIntoTheGivenFolder() throws {
    let dir = try twoRuns()
    let result = try SoundLabCLI.run(["table", "runs", "--charts", "charts/out"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == header + alphaRow + betaRow)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("charts/out").path).sorted() == [
        "comparison.svg", "confusion_alpha.svg", "confusion_beta.svg", "index.html", "per_class_f1.svg", "precision_per_class.svg",
        "recall_per_class.svg", "training_accuracy.svg", "training_loss.svg"])
    let svg = try dir.read("charts/out/comparison.svg")
    #expect(svg.contains("<svg"))
    #expect(svg.contains(">alpha (n=1)<"))
    #expect(svg.contains(">beta (n=1)<"))
}

/// `--columns` takes metrics and resolved-config keys, `--sort` orders by one, every row says its n, and the three
/// formats carry the same numbers; a misspelt column is an error naming the nearest key.
@Test func tableColumnsSortAndFormatsArePinned() throws {
    let dir = try twoRuns()
    let runs = dir.path("runs").path
    let md = try SoundLabCLI.run(["table", runs, "--columns", "macro_f1,train.epochs,parameters", "--sort", "macro_f1"])
    #expect(md.status == 0, "stderr: \(md.stderr)")
    #expect(md.stdout == """
        | Experiment | n | macro_f1 | train.epochs | parameters |
        |---|---:|---:|---:|---:|
        | beta | 1 | 0.8000 | \(RunFixtures.beta.epochs) | 2000 |
        | alpha | 1 | 0.7000 | \(RunFixtures.alpha.epochs) | 1234 |

        """)
    let csv = try SoundLabCLI.run(["table", runs, "--columns", "accuracy", "--format", "csv", "--sort", "accuracy:asc"])
    #expect(csv.stdout == "experiment,n,accuracy,accuracy_sd\nalpha,1,0.750000,\nbeta,1,0.812500,\n")
    let json = try SoundLabCLI.run(["table", runs, "--columns", "accuracy", "--format", "json"])
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    #expect(parsed?.map { $0["experiment"] as? String } == ["alpha", "beta"])
    #expect(((parsed?[1]["columns"] as? [String: Any])?["accuracy"] as? [String: Any])?["mean"] as? Double == 0.8125)
    let typo = try SoundLabCLI.run(["table", runs, "--columns", "train.epohcs"])
    #expect(typo.status != 0 && typo.stderr.contains("column 'train.epohcs' is neither a metric") && typo.stderr.contains("did you mean 'train.epochs'?"),
            "\(typo.stderr)")
    let badSort = try SoundLabCLI.run(["table", runs, "--columns", "accuracy", "--sort", "macro_f1"])
    #expect(badSort.status != 0 && badSort.stderr.contains("--sort macro_f1 is not one of the columns"), "\(badSort.stderr)")
}
