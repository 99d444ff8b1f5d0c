import Foundation
import RunStore
import Testing

/// `soundlab sweep` on this machine: a grid × seeds, run by child processes, summarised; the same command again
/// trains nothing.
@Test func localSweepRunsTheGridTimesSeedsThenNothingTheSecondTime() throws {
    let scratch = try RunScratch()
    try scratch.write("tiny.yaml", tinyExperiment())
    let command = ["sweep", "tiny.yaml", "--grid", "train.optimizer.lr=2e-3,5e-4", "--seeds", "7,8", "--executor", "local:2",
                   "--cache", "cache"]
    let first = try scratch.run(command)
    expectNoCrash(first)
    #expect(first.status == 0, "stderr: \(first.stderr)")
    let names = ["tiny-lr=2e-3-seed7", "tiny-lr=2e-3-seed8", "tiny-lr=5e-4-seed7", "tiny-lr=5e-4-seed8"]
    #expect(Set(sweepLines(first.stdout, "trained")) == Set(names), "\(first.stdout)")
    #expect(visibleRunFolders(scratch.url("runs")) == names)
    let id = try #require(first.stdout.split(separator: "\n").first?.split(separator: " ").dropFirst().first?.dropLast())
    #expect(first.stdout.hasPrefix("sweep \(id): 4 run(s), 0 current, 4 to train on local:2\n"), "\(first.stdout)")
    // Each run is the plain `soundlab run` of its setting and seed.
    let config = try scratch.text("runs/tiny-lr=5e-4-seed8/config.yaml")
    #expect(config.hasPrefix("name: tiny-lr=5e-4\nseed: 8\n") && config.contains("lr: 0.0005"), "\(config)")
    // The summary: one row per setting (seeds folded), the key as a column (its value as the resolved config has it).
    #expect(first.stdout.contains("| Experiment | n | train.optimizer.lr | accuracy |"), "\(first.stdout)")
    #expect(first.stdout.contains("\n| tiny-lr=2e-3 | 2 | 0.002 | "), "\(first.stdout)")
    for chart in ["sweep_macro_f1_by_lr.svg", "sweep_accuracy_by_lr.svg", "comparison.svg"] {
        #expect(scratch.exists("runs/.sweeps/\(id)/charts/\(chart)"), "\(chart)")
    }
    let svg = try scratch.text("runs/.sweeps/\(id)/charts/sweep_macro_f1_by_lr.svg")
    #expect(svg.components(separatedBy: "class=\"dot\"").count - 1 == 4 && svg.components(separatedBy: "class=\"mean\"").count - 1 == 2)

    let again = try scratch.run(command)
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(sweepLines(again.stdout, "trained").isEmpty && sweepLines(again.stdout, "up to date") == names, "\(again.stdout)")
    #expect(again.stdout.hasPrefix("sweep \(id): 4 run(s), 4 current, 0 to train on local:2\n"))

    // `table --sweep` prints the same table again; a wrong id names the sweeps there.
    let table = try scratch.run(["table", "runs", "--sweep", String(id), "--columns", "macro_f1"])
    #expect(table.status == 0)
    #expect(table.stdout.hasPrefix("| Experiment | n | train.optimizer.lr | macro_f1 |\n|---|---:|---:|---:|\n| tiny-lr=2e-3 | 2 | 0.002 | "), "\(table.stdout)")
    let wrong = try scratch.run(["table", "runs", "--sweep", "nope"])
    #expect(wrong.status == 2 && wrong.stderr == "error: no sweep nope in runs/.sweeps (sweeps there: \(id))\n", "\(wrong.stderr)")
}

/// Bad sweep input is one located line and exit 2, before anything runs.
@Test func sweepInputErrorsExitTwo() throws {
    let scratch = try RunScratch()
    try scratch.write("tiny.yaml", tinyExperiment())
    let typo = try scratch.run(["sweep", "tiny.yaml", "--grid", "train.optimiser.lr=1e-3"])
    #expect(typo.status == 2 && typo.stderr == "error: --grid train.optimiser.lr=1e-3: unknown key 'optimiser' in train (did you mean 'optimizer'?)\n", "\(typo.stderr)")
    let executor = try scratch.run(["sweep", "tiny.yaml", "--executor", "cluster"])
    #expect(executor.status == 2 && executor.stderr == "error: --executor must be local[:N] or slurm[:partition], got 'cluster'\n")
    try scratch.write("s.yaml", "sweep:\n  experiments: [tiny.yaml]\n  seed: [1, 2]\n")
    let file = try scratch.run(["sweep", "--file", "s.yaml"])
    #expect(file.status == 2 && file.stderr == "error: s.yaml:3:3: unknown key 'seed' in sweep (did you mean 'seeds'?)\n", "\(file.stderr)")
    #expect(!scratch.exists("runs"))
}

/// SIGTERM to a local sweep midway: it passes the signal to the run in progress, starts no other, exits 130 and
/// leaves only finished run folders; the same command then trains exactly the runs that were not finished.
@Test func interruptedLocalSweepResumesWithOnlyTheMissingRuns() throws {
    let scratch = try RunScratch()
    try scratch.write("tiny.yaml", tinyExperiment(epochs: 40))
    let command = ["sweep", "tiny.yaml", "--seeds", "1,2,3,4", "--executor", "local:1", "--cache", "cache"]
    let names = ["tiny-seed1", "tiny-seed2", "tiny-seed3", "tiny-seed4"]
    let sweep = try RunningSweep(command, directory: scratch.root)
    try #require(sweep.wait(for: "trained     tiny-seed1", seconds: 120), "\(sweep.stdout)")
    try #require(sweep.wait(for: "started     tiny-seed2", seconds: 30), "\(sweep.stdout)")
    kill(sweep.process.processIdentifier, SIGTERM)
    let status = sweep.finish()
    #expect(status == 130, "\(sweep.stdout)")
    let finished = sweepLines(sweep.stdout, "trained")
    #expect(finished == ["tiny-seed1"], "\(sweep.stdout)")
    #expect(sweepLines(sweep.stdout, "stopped") == ["tiny-seed2:"], "\(sweep.stdout)")
    #expect(sweep.stdout.contains("interrupted: stopping 1 run(s), starting no more"), "\(sweep.stdout)")
    // Only finished runs are visible (an interrupted run's files stay in a hidden temporary folder).
    #expect(visibleRunFolders(scratch.url("runs")) == finished)
    for name in finished { #expect(scratch.exists("runs/\(name)/run.json")) }
    let startedBefore = try scratch.text("runs/tiny-seed1/run.json")

    let again = try scratch.run(command)
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(sweepLines(again.stdout, "up to date") == finished, "\(again.stdout)")
    #expect(sweepLines(again.stdout, "trained") == names.filter { !finished.contains($0) }, "\(again.stdout)")
    #expect(visibleRunFolders(scratch.url("runs")) == names)
    #expect(try scratch.text("runs/tiny-seed1/run.json") == startedBefore, "a finished run was trained again")
}
