import ArgumentParser
import Experiment
import Foundation

/// `soundlab evaluate`: scores finished runs on new evaluation sets without retraining.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score finished runs on new evaluation sets, without retraining.",
        discussion: """
            Each --set is a folder of <Class>/ subfolders (a set named after the folder) or a YAML file holding one \
            set mapping or a list of them, with the keys of evaluate.sets (name, path, map, transforms, noise); a \
            relative path in it is under the run's data.root. Features come from the run's own settings and cache, \
            noise and transforms from its seed. Results go to each run's metrics/sets/<name>/ (and \
            metrics/robustness.csv for curves), which `soundlab table` shows; the files training wrote are untouched.
            """)

    @Argument(help: "Run folders, e.g. runs/baseline_1d_cnn-seed42.")
    var runs: [String]

    @Option(name: .customLong("set"), help: ArgumentHelp("An evaluation set: a folder or a YAML file (repeatable).", valueName: "spec"))
    var sets: [String] = []

    @Flag(help: "Score again a set an earlier `soundlab evaluate` wrote under the same name (its files are replaced).")
    var force = false

    @OptionGroup var features: FeatureCacheOptions

    @OptionGroup var numerics: NumericsOptions

    func run() throws {
        try reportingFailures {
            try numerics.load()
            guard !sets.isEmpty else { throw CLIFailure("name at least one evaluation set with --set", code: Exit.badInput) }
            var options = ExperimentRunner.Options()
            features.apply(to: &options)
            options.toolVersion = SoundLabVersion.string
            Interrupt.install()
            let progress = ProgressDisplay()
            for folder in runs {
                let result: RunEvaluator.Result
                do {
                    result = try RunEvaluator.evaluate(runFolder: URL(fileURLWithPath: folder), specs: sets, options: options, force: force,
                                                       report: progress.show)
                } catch {
                    progress.finish()
                    throw error
                }
                progress.finish()
                for row in result.sets {
                    print(String(format: "%@  %@  accuracy %.4f  macro F1 %.4f  ECE %.4f", result.run, row.set ?? "",
                                 row.accuracy, row.macroF1, row.ece ?? .nan))
                }
                for p in result.curvePoints {
                    print(String(format: "%@  %@  %@ at %g dB  accuracy %.4f  macro F1 %.4f", result.run, p.set, p.noise, p.snrDB,
                                 p.accuracy, p.macroF1))
                }
            }
        }
    }
}
