import Foundation
import Testing

/// A single-node Slurm (munged, slurmctld, slurmd) that scripts/slurm/start.sh starts in a temporary folder;
/// `unavailable` holds the script's reason where it cannot (no packages and no way to install them, not root,
/// daemons that do not come up).
final class SlurmCluster: Sendable {
    let folder: URL
    /// The slurm.conf every Slurm command of the test must be given (SLURM_CONF).
    let configuration: String
    /// Why there is no cluster, or nil.
    let unavailable: String?

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-slurm-\(UUID().uuidString.prefix(8))")
        let out = folder.appendingPathComponent("start.out"), err = folder.appendingPathComponent("start.err")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = [SoundLabCLI.packageRoot.appendingPathComponent("scripts/slurm/start.sh").path, folder.path]
            // Files, not pipes: the daemons inherit the descriptors and would keep a pipe open forever.
            p.standardOutput = try FileHandle(forWritingTo: out)
            p.standardError = try FileHandle(forWritingTo: err)
            try p.run()
            p.waitUntilExit()
            let why = ((try? String(contentsOf: err, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            configuration = try String(contentsOf: out, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            unavailable = p.terminationStatus == 0 ? nil : why.isEmpty ? "scripts/slurm/start.sh exited \(p.terminationStatus)" : why
        } catch {
            configuration = ""
            unavailable = "cannot run scripts/slurm/start.sh: \(error)"
        }
    }

    /// Stops the daemons (scripts/slurm/stop.sh) and removes the folder.
    func stop() { Self.stop(folder) }

    private static func stop(_ folder: URL) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [SoundLabCLI.packageRoot.appendingPathComponent("scripts/slurm/stop.sh").path, folder.path]
        try? p.run()
        p.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The same three tiny experiments swept on this machine and through a real Slurm (array job, then the summary
/// job): the run folders hold the same numbers, file for file (timings, host and dates aside).
/// Cancelled (skipped), with start.sh's reason, where no Slurm can be started.
@Test func slurmSweepWritesTheRunsTheLocalExecutorWrites() throws {
    let cluster = SlurmCluster()
    defer { cluster.stop() }
    if let why = cluster.unavailable {
        FileHandle.standardError.write(Data("slurmSweepWritesTheRunsTheLocalExecutorWrites skipped: \(why)\n".utf8))
        try Test.cancel("skipped: \(why)")
    }
    let scratch = try RunScratch()
    let files = ["t1.yaml", "t2.yaml", "t3.yaml"]
    try scratch.write("t1.yaml", tinyExperiment(name: "t1"))
    try scratch.write("t2.yaml", tinyExperiment(name: "t2").replacingOccurrences(of: "lr: 2.0e-3", with: "lr: 1.0e-3"))
    try scratch.write("t3.yaml", tinyExperiment(name: "t3").replacingOccurrences(of: "units: 256", with: "units: 64"))
    let local = try scratch.run(["sweep"] + files + ["--executor", "local:2", "--runs", "runs-local", "--cache", "cache"])
    #expect(local.status == 0, "stderr: \(local.stderr)")

    var env = ProcessInfo.processInfo.environment
    env["SLURM_CONF"] = cluster.configuration
    let started = Date()
    let slurm = try SoundLabCLI.run(["sweep"] + files + ["--executor", "slurm:debug", "--runs", "runs-slurm", "--cache", "cache",
                                                         "--cpus-per-task", "1", "--mem", "500M", "--time", "00:10:00", "--poll", "0.5"],
                                    directory: scratch.root, environment: env)
    FileHandle.standardError.write(Data(String(format: "SweepSlurmTests: the Slurm sweep took %.1f s\n", Date().timeIntervalSince(started)).utf8))
    expectNoCrash(slurm)
    #expect(slurm.status == 0, "stdout: \(slurm.stdout)\nstderr: \(slurm.stderr)")
    #expect(Set(sweepLines(slurm.stdout, "trained")) == ["t1", "t2", "t3"], "\(slurm.stdout)")
    // The summary job ran `soundlab table --sweep` after the array: its table and charts are there.
    let id = try #require(slurm.stdout.split(separator: "\n").first?.split(separator: " ").dropFirst().first?.dropLast())
    let summary = try scratch.text("runs-slurm/.sweeps/\(id)/summary.md")
    #expect(summary.hasPrefix("| Experiment | n | accuracy |") && summary.contains("\n| t3 | 1 | "), "\(summary)")
    #expect(scratch.exists("runs-slurm/.sweeps/\(id)/charts/comparison.svg"))
    #expect(slurm.stdout.contains("\n| t2 | 1 | "), "\(slurm.stdout)")

    for name in ["t1", "t2", "t3"] {
        let a = scratch.url("runs-local/\(name)"), b = scratch.url("runs-slurm/\(name)")
        try expectSameMetrics(a, b)
        let metrics = try FileManager.default.subpathsOfDirectory(atPath: a.appendingPathComponent("metrics").path).sorted()
        #expect(metrics == (try FileManager.default.subpathsOfDirectory(atPath: b.appendingPathComponent("metrics").path).sorted()))
        for file in metrics where file.hasSuffix(".csv") && !["summary.csv", "history.csv"].contains(file) && !file.hasSuffix("/summary.csv") {
            let x = try Data(contentsOf: a.appendingPathComponent("metrics/\(file)")), y = try Data(contentsOf: b.appendingPathComponent("metrics/\(file)"))
            #expect(x == y, "\(name)/metrics/\(file) differs")
        }
        func provenance(_ folder: URL) throws -> NSDictionary {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("run.json"))) as! [String: Any]
            return json.filter { !["timings", "host", "started", "finished"].contains($0.key) } as NSDictionary
        }
        #expect(try provenance(a) == provenance(b), "\(name)/run.json differs")
    }
}
