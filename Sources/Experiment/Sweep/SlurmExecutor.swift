import Foundation

/// Hands a sweep to Slurm: writes `array.sbatch` (one task per run) and `summary.sbatch`, submits the array with
/// `sbatch --parsable` and the summary with `--dependency=afterok:<array>`, then (with `follow`) polls `squeue`
/// until the array has left the queue and judges each task by its run folder (current or not), which needs no
/// accounting database. Failed tasks are reported with their logs and recorded for `--retry-failed`; the summary
/// job, which could then never start, is cancelled.
public struct SlurmExecutor: SweepExecutor {
    public var resources: SlurmScript.Resources
    public var child: SweepChild
    public var workingDirectory: String
    public var follow: Bool
    public var pollSeconds: Double
    /// Soundlab's version, to judge run folders as current.
    public var version: String
    /// Task indices of the existing array.sbatch to resubmit (a retry), or nil to write it for `runs`.
    public var retryIndices: [Int]?

    public init(resources: SlurmScript.Resources, child: SweepChild, workingDirectory: String, follow: Bool = true,
                pollSeconds: Double = 2, version: String, retryIndices: [Int]? = nil) {
        self.resources = resources
        self.child = child
        self.workingDirectory = workingDirectory
        self.follow = follow
        self.pollSeconds = pollSeconds
        self.version = version
        self.retryIndices = retryIndices
    }

    public var label: String { "slurm" + (resources.partition.map { ":\($0)" } ?? "") }

    public func execute(_ runs: [SweepRun], plan: SweepPlan, folder: SweepFolder, report: (String) -> Void) throws -> SweepOutcome {
        let arrayFile = folder.url.appendingPathComponent("array.sbatch"), summaryFile = folder.url.appendingPathComponent("summary.sbatch")
        var tasks = runs
        var arrayArguments = ["--parsable"]
        if let retryIndices, let state = folder.readState() {
            tasks = state.tasks.compactMap { name in plan.runs.first { $0.name == name } }
            arrayArguments += ["--array=\(SlurmScript.arraySpec(retryIndices, throttle: resources.throttle))"]
        } else {
            let script = SlurmScript(id: plan.id, tasks: tasks, child: child, resources: resources,
                                     workingDirectory: workingDirectory, folder: folder)
            try Data(script.array.utf8).write(to: arrayFile)
            try Data(script.summary.utf8).write(to: summaryFile)
        }
        let arrayJob = try Self.submit(arrayArguments + [arrayFile.path])
        report("submitted   array job \(arrayJob) (\(retryIndices?.count ?? tasks.count) task(s)): \(arrayFile.path)")
        let summaryJob = try Self.submit(["--parsable", "--dependency=afterok:\(arrayJob)", summaryFile.path])
        report("submitted   summary job \(summaryJob), after the array succeeds: \(folder.summary.path)")
        var state = SweepFolder.State(executor: label, failed: [], arrayJob: arrayJob, summaryJob: summaryJob, tasks: tasks.map(\.name))
        try folder.write(state)
        var outcome = SweepOutcome()
        guard follow else { outcome.submitted = true; return outcome }

        Interrupt.install()
        while !Interrupt.requested, try Self.queued(arrayJob) {
            Thread.sleep(forTimeInterval: pollSeconds)
        }
        if Interrupt.requested {
            report("stopped following; the jobs stay queued (scancel \(arrayJob) \(summaryJob) to cancel them)")
            outcome.interrupted = true
            return outcome
        }
        let asked = retryIndices.map { Set($0) } ?? Set(tasks.indices)
        let runsDirectory = URL(fileURLWithPath: child.runsDirectory, relativeTo: URL(fileURLWithPath: workingDirectory, isDirectory: true))
        for (i, run) in tasks.enumerated() where asked.contains(i) {
            if ExperimentRunner.isCurrent(runsDirectory.appendingPathComponent(run.name), resolved: run.resolvedYAML, version: version) {
                outcome.trained.append(run.name)
                report("trained     \(run.name) (task \(i))")
            } else {
                outcome.failed.append((run.name, folder.log(run.name)))
                report("failed      \(run.name) (task \(i)): log \(folder.log(run.name).path)")
            }
        }
        state.failed = outcome.failed.map(\.name)
        try folder.write(state)
        if outcome.failed.isEmpty {
            while !Interrupt.requested, try Self.queued(summaryJob) { Thread.sleep(forTimeInterval: pollSeconds) }
            report("summary     \(folder.summary.path)")
        } else {
            _ = try? Self.command("scancel", [summaryJob])
            report("cancelled   summary job \(summaryJob) (its dependency failed); --retry-failed resubmits the failed tasks")
        }
        return outcome
    }

    /// `sbatch <arguments>`'s job id (`--parsable` prints `id` or `id;cluster`).
    static func submit(_ arguments: [String]) throws -> String {
        let out = try command("sbatch", arguments)
        guard let id = out.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }),
              !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw DataError("sbatch printed no job id: \(out.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return id
    }

    /// Whether any task of `job` is still pending or running.
    static func queued(_ job: String) throws -> Bool {
        do {
            return !(try command("squeue", ["-h", "-j", job, "-o", "%i"])).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        } catch let error as DataError where error.description.contains("Invalid job id") {
            return false  // finished long enough ago that the controller forgot it
        }
    }

    /// Runs a Slurm command found on PATH; its standard output, or an error with its standard error.
    static func command(_ name: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw DataError("cannot run \(name): \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let why = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw DataError(p.terminationStatus == 127 ? "\(name) not found on PATH: is this a Slurm login node?"
                            : "\(name) \(arguments.joined(separator: " ")) failed (exit \(p.terminationStatus)): \(why)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
