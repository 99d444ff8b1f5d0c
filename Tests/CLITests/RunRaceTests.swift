import Foundation
import Testing

/// Two identical runs started at the same moment take turns on the run's lock: both exit 0, the folder is the
/// finished run of an uninterrupted single run, and no temporary folder is left behind.
@Test func twoIdenticalRunsStartedAtOnceBothSucceedWithTheSameFolder() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let arguments = ["run", "small.yaml", "--runs", "raced", "--cache", "cache-raced"]
    for round in 0..<3 {
        let first = try RunningSoundLab(arguments, directory: scratch.root)
        let second = try RunningSoundLab(arguments, directory: scratch.root)
        let (a, _) = first.wait(), (b, _) = second.wait()
        #expect(a == 0 && b == 0, "round \(round): exits \(a), \(b); stderr: \(first.stderrLines) \(second.stderrLines)")
        try expectSameMetrics(reference.folder, scratch.url("raced/small"))
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url("raced").path)
    #expect(left.filter { $0.hasPrefix(".tmp-") || $0.hasPrefix(".old-") }.isEmpty, "\(left)")
}

/// A run killed before its commit leaves `runs/.tmp-<name>-<id>`; the next run of any experiment removes it once
/// no live process holds that name, and never touches the folder of a run that is still going.
@Test func orphanedTemporaryFoldersAreRemovedByTheNextRun() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    try scratch.write("runs/.tmp-other-0123abcd/config.yaml", "name: other\n")
    try scratch.write("runs/.tmp-small-89abcdef/weights.safetensors", "x")
    try scratch.write("runs/.tmp-notarun/keep", "x")
    let result = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=3"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(!scratch.exists("runs/.tmp-other-0123abcd"))
    #expect(!scratch.exists("runs/.tmp-small-89abcdef"))
    #expect(scratch.exists("runs/.tmp-notarun/keep"), "a folder not named like a run's temp folder is not ours")
    #expect(scratch.exists("runs/small/run.json"))
}

/// A runs folder that cannot be created is one line naming the path and the reason, before any training, with no
/// Foundation error dump.
@Test func anUnwritableRunsFolderIsOneLineNamingThePathAndReason() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    try scratch.write("file", "not a folder")
    let result = try scratch.run(["run", "small.yaml", "--runs", "file/runs", "--cache", "c"])
    expectNoCrash(result)
    #expect(result.status == 1, "stderr: \(result.stderr)")
    #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)")
    #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("file/runs"), "\(result.stderr)")
    #expect(result.stderr.contains("Not a directory"), "\(result.stderr)")
    #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("training"), "\(result.stderr)")
}

/// SIGTERM (what `kill` and schedulers send) stops a run like Ctrl-C: exit 130, one line saying to resume.
@Test func sigtermStopsARunLikeCtrlC() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let arguments = ["run", "small.yaml", "--runs", "terminated", "--cache", "cache-terminated"]
    let child = try RunningSoundLab(arguments, directory: scratch.root)
    let sawEpochThree = child.waitForLine { $0.hasPrefix("epoch   3 ") }
    let (status, reason) = child.signal(SIGTERM)
    try #require(sawEpochThree, "no epoch 3 line; stderr: \(child.stderrLines)")
    #expect(reason == .exit && status == 130, "status \(status), stderr: \(child.stderrLines)")
    #expect(child.stderrLines.filter { $0.contains("run again with --resume") }.count == 1, "\(child.stderrLines)")
    let resumed = try scratch.run(arguments + ["--resume"])
    #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
    try expectSameMetrics(reference.folder, scratch.url("terminated/small"))
}
