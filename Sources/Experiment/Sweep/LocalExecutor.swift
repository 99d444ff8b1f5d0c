import Foundation

/// A pool of `jobs` child `soundlab run` processes on this machine, each writing its output to the run's log.
/// SIGINT or SIGTERM to the sweep is passed on to every running child (which stops at its next batch and commits
/// nothing: run folders appear only by rename), no further run is started, and the sweep ends once they have all
/// exited; the same command later trains only what is missing.
public struct LocalExecutor: SweepExecutor {
    /// Runs at a time.
    public var jobs: Int
    /// How each run is started.
    public var child: SweepChild

    public init(jobs: Int, child: SweepChild) {
        self.jobs = max(1, jobs)
        self.child = child
    }

    /// One child per core: the worker pool splits only the large products, so most training (attention, thin
    /// convolutions, small batches' bookkeeping) keeps one core busy and a second child fills the other; results do
    /// not depend on how many children share the machine (BLAS is pinned to one thread per process).
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public var label: String { "local:\(jobs)" }

    public func execute(_ runs: [SweepRun], plan: SweepPlan, folder: SweepFolder, report: (String) -> Void) throws -> SweepOutcome {
        Interrupt.install()
        try FileManager.default.createDirectory(at: folder.logs, withIntermediateDirectories: true)
        var outcome = SweepOutcome()
        var pending = runs[...]
        var running: [(run: SweepRun, process: Process, started: Date)] = []
        var forwarded = false
        while !running.isEmpty || (!pending.isEmpty && !Interrupt.requested) {
            if Interrupt.requested, !forwarded {
                forwarded = true
                for r in running { kill(r.process.processIdentifier, SIGINT) }
                report("interrupted: stopping \(running.count) run(s), starting no more")
            }
            while running.count < jobs, !Interrupt.requested, let next = pending.first {
                pending = pending.dropFirst()
                let process = Process()
                process.executableURL = URL(fileURLWithPath: child.binary)
                process.arguments = next.arguments(child)
                let log = folder.log(next.name)
                _ = FileManager.default.createFile(atPath: log.path, contents: nil)
                let handle = try FileHandle(forWritingTo: log)
                process.standardInput = FileHandle.nullDevice
                process.standardOutput = handle
                process.standardError = handle
                try process.run()
                try? handle.close()
                running.append((next, process, Date()))
                report("started     \(next.name)")
            }
            usleep(50_000)
            for (i, r) in running.enumerated().reversed() where !r.process.isRunning {
                running.remove(at: i)
                let status = r.process.terminationStatus
                let seconds = String(format: "%.1f", Date().timeIntervalSince(r.started))
                if status == 0 && r.process.terminationReason == .exit {
                    outcome.trained.append(r.run.name)
                    report("trained     \(r.run.name) (\(seconds) s)")
                } else if status == 130 || (r.process.terminationReason == .uncaughtSignal && Interrupt.requested) {
                    report("stopped     \(r.run.name): log \(folder.log(r.run.name).path)")
                } else {
                    outcome.failed.append((r.run.name, folder.log(r.run.name)))
                    report("failed      \(r.run.name) (exit \(status)): log \(folder.log(r.run.name).path)")
                }
            }
        }
        outcome.interrupted = Interrupt.requested
        return outcome
    }
}
