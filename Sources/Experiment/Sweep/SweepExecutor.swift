import Foundation

/// Runs a sweep's stale runs somewhere: child processes on this machine (`LocalExecutor`) or a Slurm array
/// (`SlurmExecutor`). `report` gets one line per event for the user.
public protocol SweepExecutor {
    /// What `state.json` calls this executor.
    var label: String { get }
    /// Runs `runs` (all of `plan`'s, or the ones left to do) and says how it went.
    func execute(_ runs: [SweepRun], plan: SweepPlan, folder: SweepFolder, report: (String) -> Void) throws -> SweepOutcome
}

/// How a sweep's execution ended.
public struct SweepOutcome: Sendable {
    /// Runs trained by this execution.
    public var trained: [String] = []
    /// Runs that failed, each with its log.
    public var failed: [(name: String, log: URL)] = []
    /// Stopped by SIGINT/SIGTERM before every run was done.
    public var interrupted = false
    /// Handed to a scheduler and not waited for (Slurm without following).
    public var submitted = false

    public init() {}
}
