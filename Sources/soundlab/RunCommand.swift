import ArgumentParser
import Experiment
import Foundation
import RunStore

/// `soundlab run FILE`: trains and evaluates one experiment and writes its run folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train and evaluate one experiment; write runs/<name>/ (runs/<name>-seed<s>/ per seed of a seed list).",
        discussion: "Exit status 0 on success, 2 for a bad config or data, 130 when interrupted (resume with --resume).")

    @Argument(help: "The experiment YAML file.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a value, e.g. --set train.epochs=5 (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Flag(help: "Continue an interrupted run from its last checkpoint.")
    var resume = false

    @Flag(name: .customLong("dry-run"), help: "Build the model and print its layer table; train nothing.")
    var dryRun = false

    @Flag(name: .customLong("if-stale"), help: "Do nothing when runs/<name> already holds this resolved config and soundlab version (its weights may be absent: weights are not committed; --force or `soundlab predict --train-missing` recreates them).")
    var ifStale = false

    @Flag(help: "Train even when --if-stale or --resume finds the run up to date. A replaced run is never deleted: it moves to runs/.previous/<name>/ (the newest 3 are kept).")
    var force = false

    @Option(name: .customLong("runs"), help: "Folder for run folders.")
    var runs = "runs"

    @Option(name: .customLong("only-seed"), help: ArgumentHelp(
        "Run only this seed of the experiment's seed list; its folder keeps the -seed<s> suffix.", valueName: "seed"))
    var onlySeed: Int?

    @OptionGroup var features: FeatureCacheOptions

    @OptionGroup var numerics: NumericsOptions

    @OptionGroup var memory: MemoryBudgetOption

    func run() throws {
        try reportingFailures {
            try numerics.load()
            var options = ExperimentRunner.Options()
            options.overrides = overrides
            options.runsDirectory = URL(fileURLWithPath: runs)
            features.apply(to: &options)
            options.resume = resume
            options.dryRun = dryRun
            options.onlyIfStale = ifStale
            options.force = force
            options.onlySeed = onlySeed
            options.memoryBudget = try memory.budget()
            options.toolVersion = SoundLabVersion.string
            Interrupt.install()
            let progress = ProgressDisplay()
            do {
                for outcome in try ExperimentRunner.run(path: file, options: options, report: progress.show) {
                    switch outcome {
                    case .dryRun(let table):
                        print(table)
                    case .upToDate(let folder):
                        let weights = FileManager.default.fileExists(atPath: folder.appendingPathComponent(RunLayout.weights).path)
                        print("up to date  \(folder.path)" + (weights ? "" : " (no weights: --force retrains it)"))
                    case .abstract:
                        print("skipped     \(file) (abstract base)")
                    case .finished(let folder, let rows):
                        progress.finish()
                        for r in rows {
                            print(String(format: "%@%@accuracy %.4f  macro F1 %.4f  weighted F1 %.4f", r.experiment + "  ",
                                         r.set.map { "\($0)  " } ?? "", r.accuracy, r.macroF1, r.weightedF1))
                        }
                        if let cv = try? Run.load(folder: folder).crossValidation,
                           let mean = cv.first(where: { $0.fold == .mean }), let sd = cv.first(where: { $0.fold == .sd }) {
                            print(String(format: "%@  cv macro F1 %.4f ± %.4f over %d folds", rows[0].experiment,
                                         mean.macroF1, sd.macroF1, cv.count - 2))
                        }
                        print("wrote \(folder.path)")
                    }
                }
            } catch {
                // The progress line is ended before the error line, whatever the error.
                progress.finish()
                throw error
            }
        }
    }
}
