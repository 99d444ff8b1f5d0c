import ArgumentParser
import Experiment
import Foundation

/// `soundlab reproduce`: retrains one seed of every experiment into a scratch folder and compares it with the
/// committed run to the last digit (timing aside). Exit 1 when any run differs.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Retrain committed runs into a scratch folder and compare them with runs/ to the last digit.",
        discussion: """
            Compares config.yaml, labels.json, split.csv and every metrics CSV byte for byte, except the columns \
            that measure seconds (summary.csv train_seconds, history.csv seconds) and run.json (host, dates). \
            Weights are compared too when the committed folder has them. Exit status 0 when every run reproduces, \
            1 when one differs, 2 for bad input.
            """)

    @Argument(help: "Experiment YAML files (default: experiments/*.yaml).")
    var files: [String] = []

    @Option(name: .customLong("runs"), help: "Folder of the committed runs.")
    var runs = "runs"

    @Option(name: .customLong("scratch"), help: "Where the fresh runs go (default: a new temporary folder, removed after).")
    var scratch: String?

    @Flag(name: .customLong("all-seeds"), help: "Retrain every seed of each experiment, not only the first.")
    var allSeeds = false

    @Option(name: .customLong("cache"), help: "Feature cache folder.")
    var cache = ".cache/features"

    @OptionGroup var numerics: NumericsOptions

    func run() throws {
        try reportingFailures {
            try numerics.load()
            let experiments = files.isEmpty ? ExperimentFiles.inFolder("experiments") : files
            guard !experiments.isEmpty else { throw CLIFailure("no experiment files given and none in experiments/", code: Exit.badInput) }
            let scratchURL = scratch.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-reproduce-\(UUID().uuidString)")
            defer { if scratch == nil { try? FileManager.default.removeItem(at: scratchURL) } }
            var options = ExperimentRunner.Options()
            options.cacheDirectory = URL(fileURLWithPath: cache)
            options.toolVersion = SoundLabVersion.string
            Interrupt.install()
            let progress = ProgressDisplay()
            var differing = 0, checked = 0
            for file in experiments {
                let results: [Reproducer.Result]
                do {
                    results = try Reproducer.check(path: file, committed: URL(fileURLWithPath: runs), scratch: scratchURL
                        .appendingPathComponent(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent),
                        allSeeds: allSeeds, options: options, report: progress.show)
                } catch {
                    progress.finish()
                    throw error
                }
                progress.finish()
                for result in results {
                    checked += 1
                    if result.differences.isEmpty {
                        print("reproduced  \(result.folderName)")
                    } else {
                        differing += 1
                        print("DIFFERS     \(result.folderName)")
                        for line in result.differences { print("  \(line)") }
                    }
                }
            }
            print("\(checked - differing) of \(checked) runs reproduced to the last digit"
                  + (numerics.blas.isMachineSpecific ? " (--blas native: machine-specific numbers)" : ""))
            if differing > 0 { throw ExitCode(Exit.failure) }
        }
    }
}
