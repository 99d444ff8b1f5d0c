import ArgumentParser
import Experiment
import Foundation
import RunStore

/// `soundlab sweep`: experiment files × a grid of settings × seeds, run here by a pool of `soundlab run` processes
/// or handed to Slurm; runs already current are skipped, so the same command resumes an interrupted sweep.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run experiment files × a grid of settings × seeds, here (local:N) or on Slurm; skip runs already current.",
        discussion: """
            Every combination of one value per --grid key is run for each file and seed, into runs/<name>[-<key>=<value>...]\
            [-seed<s>]/ (the key is the last segment of its path, e.g. lr). A run whose folder already holds the same \
            resolved config is skipped (as run --if-stale), so running the same command again finishes an interrupted \
            sweep. The sweep's manifest, logs and summary go to runs/.sweeps/<id>/; `soundlab table --sweep <id>` shows \
            it again. A sweep file (--file) lists the same: sweep: {experiments: [...], grid: {key: [values]}, seeds: [...]}. \
            Exit status 0 when every run is current, 1 when a run failed, 2 for bad input, 130 when interrupted.
            """)

    @Argument(help: "Experiment files.")
    var experiments: [String] = []

    @Option(name: .customLong("file"), help: ArgumentHelp("A sweep file (sweep: experiments, grid, seeds) instead of or besides the arguments.", valueName: "sweep.yaml"))
    var sweepFile: String?

    @Option(name: .customLong("grid"), help: ArgumentHelp("A swept setting, e.g. --grid train.optimizer.lr=1e-3,3e-4 (repeatable).", valueName: "path=v1,v2"))
    var grid: [String] = []

    @Option(help: ArgumentHelp("Seeds replacing each experiment's own, e.g. --seeds 42,7,1.", valueName: "list"))
    var seeds: String?

    @Option(help: ArgumentHelp("local[:N] runs N at a time here (default one per core); slurm[:partition] submits an array job.", valueName: "executor"))
    var executor = "local"

    @Flag(name: .customLong("retry-failed"), help: "Run again only the runs the last execution of this sweep recorded as failed.")
    var retryFailed = false

    @Flag(name: .customLong("dry-run"), help: "List the runs and whether each is current; run nothing.")
    var dryRun = false

    @Flag(name: .customLong("no-follow"), help: "Slurm: submit and return, without waiting for the jobs.")
    var noFollow = false

    @Option(name: .customLong("runs"), help: "Folder for run folders.")
    var runs = "runs"

    @Option(name: .customLong("cpus-per-task"), help: "Slurm: CPUs per array task.")
    var cpusPerTask = 2

    @Option(help: "Slurm: memory per array task (sbatch --mem).")
    var mem = "4G"

    @Option(help: "Slurm: time limit per array task (sbatch --time).")
    var time = "02:00:00"

    @Option(help: "Slurm: array tasks running at once (the %K of --array).")
    var throttle = 8

    @Option(name: .customLong("poll"), help: ArgumentHelp("Slurm: seconds between squeue polls.", visibility: .hidden))
    var pollSeconds = 2.0

    @OptionGroup var features: FeatureCacheOptions

    @OptionGroup var numerics: NumericsOptions

    func run() throws {
        try reportingFailures {
            try numerics.load()
            let plan = try SweepPlan.expand(try spec())
            let runsURL = URL(fileURLWithPath: runs, isDirectory: true)
            let folder = SweepFolder(runsDirectory: runsURL, id: plan.id)
            var todo = plan.stale(in: runsURL, version: SoundLabVersion.string)
            var retry: [Int]?
            if retryFailed {
                guard let state = folder.readState() else { throw CLIFailure("sweep \(plan.id) has not run yet: nothing to retry", code: Exit.badInput) }
                todo = todo.filter { state.failed.contains($0.name) }
                retry = state.tasks.indices.filter { todo.map(\.name).contains(state.tasks[$0]) }
            }
            let exec = try makeExecutor(retry: retry)
            for file in plan.abstract { say("skipped     \(file) (abstract base)") }
            let todoNames = Set(todo.map(\.name))
            say("sweep \(plan.id): \(plan.runs.count) run(s), \(plan.runs.count - todoNames.count) current, \(todo.count) to train on \(exec.label)")
            for run in plan.runs where !todoNames.contains(run.name) && !retryFailed { say("up to date  \(run.name)") }
            if dryRun {
                for run in todo { say("to train    \(run.name)") }
                return
            }
            if !todo.isEmpty || !folderExists(folder) { try folder.write(plan) }
            var outcome = SweepOutcome()
            if !todo.isEmpty {
                outcome = try exec.execute(todo, plan: plan, folder: folder) { say($0) }
                if !(exec is SlurmExecutor) {
                    try folder.write(SweepFolder.State(executor: exec.label, failed: outcome.failed.map(\.name)))
                }
            }
            if outcome.interrupted { throw ExitCode(Exit.interrupted) }
            if outcome.submitted { return }
            if exec is LocalExecutor || todo.isEmpty, !plan.runs.isEmpty {
                let summary = try SweepSummary(runsDirectory: runsURL, id: plan.id)
                let markdown = try summary.write(into: folder)
                say("")
                say(markdown, terminator: "")
                say("summary: \(folder.summary.path), charts: \(folder.charts.path)/")
            } else if FileManager.default.fileExists(atPath: folder.summary.path) {
                say("")
                say(try String(contentsOf: folder.summary, encoding: .utf8), terminator: "")
            }
            if !outcome.failed.isEmpty {
                throw CLIFailure("\(outcome.failed.count) of \(todo.count) run(s) failed; their logs are named above (--retry-failed runs them again)")
            }
        }
    }

    private func folderExists(_ folder: SweepFolder) -> Bool { FileManager.default.fileExists(atPath: folder.manifest.path) }

    /// The sweep the arguments and the sweep file describe together.
    private func spec() throws -> SweepSpec {
        var spec = try sweepFile.map { try SweepSpec.load(path: $0) } ?? SweepSpec(experiments: [])
        spec.experiments = experiments + spec.experiments
        spec.axes += try grid.map { try SweepAxis(parsing: $0) }
        if let dup = spec.axes.map(\.key).duplicate { throw CLIFailure("--grid \(dup) is given twice", code: Exit.badInput) }
        if let seeds {
            let list = seeds.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !list.isEmpty, list.allSatisfy({ ($0 ?? -1) >= 0 }) else {
                throw CLIFailure("--seeds must be comma-separated integers ≥ 0, got '\(seeds)'", code: Exit.badInput)
            }
            spec.seeds = list.compactMap { $0 }
            if let dup = spec.seeds!.duplicate { throw CLIFailure("--seeds repeats \(dup)", code: Exit.badInput) }
        }
        guard !spec.experiments.isEmpty else {
            throw CLIFailure("no experiment file: name them, or give a sweep file with --file", code: Exit.badInput)
        }
        return spec
    }

    private func makeExecutor(retry: [Int]?) throws -> any SweepExecutor {
        let child = SweepChild(binary: SweepChild.currentBinary, runsDirectory: runs, cacheDirectory: features.cache,
                               threads: features.threads, blas: numerics.blas.rawValue)
        let parts = executor.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "local":
            var jobs = LocalExecutor.defaultJobs
            if parts.count > 1 {
                guard let n = Int(parts[1]), n >= 1 else { throw CLIFailure("--executor local:N needs N ≥ 1, got '\(parts[1])'", code: Exit.badInput) }
                jobs = n
            }
            return LocalExecutor(jobs: jobs, child: child)
        case "slurm":
            let resources = SlurmScript.Resources(partition: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil,
                                                  cpusPerTask: cpusPerTask, memory: mem, time: time, throttle: throttle)
            return SlurmExecutor(resources: resources, child: child, workingDirectory: FileManager.default.currentDirectoryPath,
                                 follow: !noFollow, pollSeconds: pollSeconds, version: SoundLabVersion.string, retryIndices: retry)
        default:
            throw CLIFailure("--executor must be local[:N] or slurm[:partition], got '\(executor)'", code: Exit.badInput)
        }
    }
}

/// One line to standard output at once, unbuffered: a test or a log reading the sweep sees each event as it happens.
private func say(_ line: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(Data((line + terminator).utf8))
}

private extension Array where Element: Hashable {
    /// The first element that appears twice.
    var duplicate: Element? { indices.first { self[..<$0].contains(self[$0]) }.map { self[$0] } }
}
