import Foundation
import Testing

/// `soundlab run` killed with SIGKILL in the middle of epoch 10, then `--resume`d, ends with exactly the numbers of
/// the uninterrupted run; until then no run folder exists and `table` does not list the run, and the history so
/// far sits beside the checkpoint.
@Test func runKilledDuringEpochTenResumesToTheNumbersOfAnUninterruptedRun() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let arguments = ["run", "small.yaml", "--runs", "killed", "--cache", "cache-killed"]

    let child = try RunningSoundLab(arguments, directory: scratch.root)
    // The epoch line is printed once the epoch's checkpoint is on disk, so epoch 10 is running when it shows.
    let sawEpochNine = child.waitForLine { $0.hasPrefix("epoch   9 ") }
    let (status, reason) = child.signal(SIGKILL)
    try #require(sawEpochNine, "no epoch 9 line; stderr: \(child.stderrLines)")
    try #require(reason == .uncaughtSignal && status == SIGKILL, "the run ended before the kill (status \(status))")
    // Normally 9; on a loaded machine the kill may land an epoch or two later. What matters: nothing that was
    // reported is lost, and nothing unreported is kept.
    let last = try #require(lastEpoch(child.stderrLines))
    #expect((9..<12).contains(last), "stderr: \(child.stderrLines)")

    #expect(!scratch.exists("killed/small"), "a killed run must not leave a run folder")
    #expect(scratch.exists("killed/.checkpoints/small/checkpoint.safetensors"))
    // The history so far is readable while the run trains (and after it was killed): one row per reported epoch.
    let live = try scratch.text("killed/.checkpoints/small/history.csv").split(separator: "\n")
    #expect(live.count - 1 == last, "a header and \(last) epochs expected: \(live)")
    let visible = try FileManager.default.contentsOfDirectory(atPath: scratch.url("killed").path).filter { !$0.hasPrefix(".") }
    #expect(visible.isEmpty, "only hidden checkpoint/temp folders may remain, found \(visible)")
    let table = try scratch.run(["table", "killed"])
    #expect(!table.stdout.contains("small"), "table lists the unfinished run: \(table.stdout)")

    let resumed = try scratch.run(arguments + ["--resume"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    #expect(resumed.stderrLines.contains("resumed after epoch \(last)"), "stderr: \(resumed.stderr)")
    #expect(lastEpoch(resumed.stderrLines.map(String.init)) == 12)
    #expect(firstEpoch(resumed.stderrLines.map(String.init)) == last + 1, "epochs trained again: \(resumed.stderr)")
    try expectSameMetrics(reference.folder, scratch.url("killed/small"))
    #expect(!scratch.exists("killed/.checkpoints/small"), "a finished run removes its checkpoint")
    #expect(try scratch.run(["table", "killed"]).stdout.contains("small"))
}

/// Ctrl-C stops at a batch boundary with exit 130 and one line telling to use --resume; the resumed run ends with
/// the numbers of the uninterrupted one.
@Test func ctrlCExitsWith130AndResumeFinishesWithTheSameNumbers() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let arguments = ["run", "small.yaml", "--runs", "interrupted", "--cache", "cache-interrupted"]

    let child = try RunningSoundLab(arguments, directory: scratch.root)
    let sawEpochFive = child.waitForLine { $0.hasPrefix("epoch   5 ") }
    let (status, reason) = child.signal(SIGINT)
    try #require(sawEpochFive, "no epoch 5 line; stderr: \(child.stderrLines)")
    #expect(reason == .exit && status == 130, "status \(status), stderr: \(child.stderrLines)")
    let hints = child.stderrLines.filter { $0.contains("--resume") }
    #expect(hints.count == 1, "stderr: \(child.stderrLines)")
    // SIGINT came during epoch 6 or a little later on a loaded machine; the line says how many epochs are safe.
    let completed = try #require(hints.first.flatMap { line in
        line.firstMatch(of: #/^error: interrupted after (\d+) complete epoch\(s\); run again with --resume to continue$/#)
            .flatMap { Int($0.1) }
    }, "unexpected line: \(hints)")
    #expect((5..<12).contains(completed))
    #expect(completed == lastEpoch(child.stderrLines), "the line must count the epochs reported, all checkpointed")
    #expect(!scratch.exists("interrupted/small"))

    let resumed = try scratch.run(arguments + ["--resume"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    #expect(resumed.stderrLines.contains("resumed after epoch \(completed)"), "stderr: \(resumed.stderr)")
    try expectSameMetrics(reference.folder, scratch.url("interrupted/small"))
}

/// The same YAML, seed and data give the same summary.csv to the last digit (timing aside) in another runs folder,
/// with another feature cache.
@Test func rerunReproducesSummaryToTheLastDigit() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let again = try scratch.run(["run", "small.yaml", "--runs", "rerun", "--cache", "cache-rerun"])
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(again.stdout == reference.result.stdout.replacingOccurrences(of: "reference/small", with: "rerun/small"))
    try expectSameMetrics(reference.folder, scratch.url("rerun/small"))
    // The run trained all 12 epochs and the accuracy it reports is a real, non-trivial number.
    let history = try scratch.text("rerun/small/metrics/history.csv").split(separator: "\n")
    #expect(history.count == 13)
}

/// `--resume` with a checkpoint of another config refuses it (one line, exit 2) instead of mixing two runs.
@Test func resumeRefusesACheckpointOfAnotherConfig() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let arguments = ["run", "small.yaml", "--runs", "changed", "--cache", "cache-changed"]
    let child = try RunningSoundLab(arguments, directory: scratch.root)
    _ = child.waitForLine { $0.hasPrefix("epoch   2 ") }
    _ = child.signal(SIGKILL)
    let changed = try scratch.run(arguments + ["--resume", "--set", "train.optimizer.lr=0.01"])
    #expect(changed.status == 2, "stderr: \(changed.stderr)")
    let checkpoint = scratch.url("changed/.checkpoints/small").path
    expectOneErrorLine(changed, "the checkpoint in \(checkpoint) was made with a different config or data; run without --resume to start over")
}

/// The epoch numbers of the "epoch   N  loss ..." progress lines.
private func epochNumbers(_ lines: [String]) -> [Int] {
    lines.compactMap { line in line.firstMatch(of: #/^epoch +(\d+) /#).flatMap { Int($0.1) } }
}

private func lastEpoch(_ lines: [String]) -> Int? { epochNumbers(lines).last }

private func firstEpoch(_ lines: [String]) -> Int? { epochNumbers(lines).first }

/// Resuming after the training clips changed refuses the checkpoint (the data is part of its fingerprint), rather
/// than finishing a run whose first epochs saw other data.
@Test func resumeRefusesACheckpointMadeOnOtherData() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    let arguments = ["run", "small.yaml", "--runs", "runs", "--cache", "cache"]
    let child = try RunningSoundLab(arguments, directory: scratch.root)
    try #require(child.waitForLine { $0.hasPrefix("epoch   2 ") })
    let (_, reason) = child.signal(SIGKILL)
    try #require(reason == .uncaughtSignal)
    try scratch.write("data/Training/Hum/0.wav", toneClip(class: 0, clip: 50))
    let resumed = try scratch.run(arguments + ["--resume"])
    #expect(resumed.status == 2, "stderr: \(resumed.stderr)")
    let checkpoint = scratch.url("runs/.checkpoints/small").path
    expectOneErrorLine(resumed, "the checkpoint in \(checkpoint) was made with a different config or data; run without --resume to start over")
    #expect(!scratch.exists("runs/small"))
}

/// With `checkpoint.every_epochs: 4`, Ctrl-C during epoch 6 says how many epochs --resume will really continue
/// from (4, the last checkpoint), not how many were trained; the resumed run still ends with the reference numbers.
@Test func ctrlCBetweenCheckpointsCountsOnlyCheckpointedEpochs() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let arguments = ["run", "small.yaml", "--runs", "sparse", "--cache", "cache-sparse", "--set", "train.checkpoint.every_epochs=4"]
    let child = try RunningSoundLab(arguments, directory: scratch.root)
    try #require(child.waitForLine { $0.hasPrefix("epoch   5 ") })
    let (status, _) = child.signal(SIGINT)
    #expect(status == 130)
    let hint = try #require(child.stderrLines.first { $0.contains("--resume") })
    let completed = try #require(hint.firstMatch(of: #/interrupted after (\d+) complete epoch/#).flatMap { Int($0.1) })
    // Interrupted in epoch 6 (or, on a loaded machine, a little later): the last checkpoint is a multiple of 4.
    #expect(completed % 4 == 0 && completed >= 4, "\(hint)")
    let resumed = try scratch.run(arguments + ["--resume"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    #expect(resumed.stderrLines.contains("resumed after epoch \(completed)"), "stderr: \(resumed.stderr)")
    try expectSameMetrics(reference.folder, scratch.url("sparse/small"), sameConfig: false)
}

/// A seed list killed during its second seed resumes where it stopped: the finished first seed is left as it is
/// (not retrained), the second continues from its own checkpoint and ends with the numbers of a plain run.
@Test func seedListKilledInItsSecondSeedResumesOnlyThatSeed() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    try scratch.write("small_two.yaml", smallExperiment.replacingOccurrences(of: "seed: 7", with: "seed: [8, 7]"))
    let arguments = ["run", "small_two.yaml", "--runs", "killed-list", "--cache", "cache-killed-list"]

    let child = try RunningSoundLab(arguments, directory: scratch.root)
    var inSecondSeed = false
    let sawEpochFour = child.waitForLine { line in
        if line.hasPrefix("seed 7 (small-seed7)") { inSecondSeed = true }
        return inSecondSeed && line.hasPrefix("epoch   4 ")
    }
    let (status, reason) = child.signal(SIGKILL)
    try #require(sawEpochFour, "no epoch 4 line of seed 7; stderr: \(child.stderrLines)")
    try #require(reason == .uncaughtSignal && status == SIGKILL, "the run ended before the kill (status \(status))")
    let last = try #require(lastEpoch(child.stderrLines))
    #expect(scratch.exists("killed-list/small-seed8/metrics/summary.csv"))
    #expect(!scratch.exists("killed-list/small-seed7"), "a killed run must not leave a run folder")
    let firstSeed = try scratch.text("killed-list/small-seed8/metrics/summary.csv")

    let resumed = try scratch.run(arguments + ["--resume"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    #expect(resumed.stdout.hasPrefix("up to date  \(scratch.url("killed-list/small-seed8").path)\n"), "\(resumed.stdout)")
    #expect(resumed.stderrLines.contains("resumed after epoch \(last)"), "stderr: \(resumed.stderr)")
    #expect(firstEpoch(resumed.stderrLines.map(String.init)) == last + 1, "epochs trained again: \(resumed.stderr)")
    #expect(try scratch.text("killed-list/small-seed8/metrics/summary.csv") == firstSeed)
    try expectSameMetrics(reference.folder, scratch.url("killed-list/small-seed7"))
}

/// Ctrl-C inside the second of two stages, then `--resume`: the finished first stage is reloaded from its checkpoint
/// (none of its epochs runs again), the second continues where it stopped, and the run ends with the numbers of
/// the uninterrupted staged run.
@Test func ctrlCInsideTheSecondStageResumesInsideItWithTheSameNumbers() throws {
    let scratch = try RunScratch()
    let staged = smallExperiment.replacingOccurrences(of: "name: small", with: "name: staged") + """
        stages:
          - {name: warm, epochs: 3, freeze: [conv1d_0]}
          - {name: tune, epochs: 7, optimizer: {type: adam, lr: 1.0e-3}}

        """
    try scratch.write("staged.yaml", staged)
    let reference = try scratch.run(["run", "staged.yaml", "--runs", "ref", "--cache", "c"])
    #expect(reference.status == 0, "stderr: \(reference.stderr)")

    let arguments = ["run", "staged.yaml", "--runs", "cut", "--cache", "c"]
    let child = try RunningSoundLab(arguments, directory: scratch.root)
    var inTune = false
    let sawTuneEpochTwo = child.waitForLine { line in
        if line.hasPrefix("stage tune: ") { inTune = true }
        return inTune && line.hasPrefix("epoch   2 ")
    }
    let (status, _) = child.signal(SIGINT)
    try #require(sawTuneEpochTwo, "no epoch 2 line in stage tune; stderr: \(child.stderrLines)")
    #expect(status == 130, "stderr: \(child.stderrLines)")
    let completed = try #require(lastEpoch(child.stderrLines))

    let resumed = try scratch.run(arguments + ["--resume"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    #expect(resumed.stderrLines.contains("resumed after epoch 3"), "the finished stage reloads: \(resumed.stderr)")
    #expect(resumed.stderrLines.contains("resumed after epoch \(completed)"), "stderr: \(resumed.stderr)")
    #expect(!resumed.stderrLines.contains { $0.hasPrefix("epoch   1 ") }, "no epoch ran twice: \(resumed.stderr)")
    try expectSameMetrics(scratch.url("ref/staged"), scratch.url("cut/staged"))
}
