import ArgumentParser
import Experiment
import Foundation

/// `soundlab predict`: classifies clips with a finished run (or a seed ensemble of one experiment).
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify clips with a trained run: the top classes of each clip, with probabilities.",
        discussion: """
            Clips go through the run's own feature settings (or backbone) and model, as evaluation does. Folders are \
            walked recursively for .wav files (any letter case). A clip longer than the model's input is cut into \
            windows of --window seconds every --hop seconds (default: the model's input, back to back; a window \
            starts only where a whole one fits) and its decision is the mean of its windows' probabilities; \
            --timeline writes every window. A clip up to twice the model's input is read exactly as evaluation \
            reads it, so predicting a run's test folder gives its metrics. --experiment averages the \
            probabilities of every seed's run (runs/<name>-seed<s>/), or takes the best seed's with --best. \
            Exit status 0 when every clip was classified, 3 when some could not be read (each reported on \
            stderr in one line, the others classified), 2 for bad input (no clip, a run that does not fit), \
            1 for a failure while working.
            """)

    @Option(name: .customLong("run"), help: ArgumentHelp("A run folder, e.g. runs/baseline_1d_cnn-seed42 (repeatable: their probabilities are averaged).", valueName: "folder"))
    var runFolders: [String] = []

    @Option(help: ArgumentHelp("An experiment: every seed's run under --runs, probabilities averaged.", valueName: "name"))
    var experiment: String?

    @Flag(help: "With --experiment: only the seed whose run has the best macro F1 in metrics/summary.csv.")
    var best = false

    @Option(name: .customLong("runs"), help: "Folder of runs for --experiment.")
    var runs = "runs"

    @Argument(help: "Clips, or folders of clips.")
    var clips: [String] = []

    @Option(name: .customLong("top-k"), help: "Classes shown per clip.")
    var topK = 3

    @Flag(help: "Print JSON (every class's probability too).")
    var json = false

    @Flag(help: "Print CSV: file, windows, then class and probability of the top classes.")
    var csv = false

    @Option(help: ArgumentHelp("Write every window's probabilities to this CSV file.", valueName: "file"))
    var timeline: String?

    @Option(help: ArgumentHelp("Window length in seconds (at most the model's input).", valueName: "seconds"))
    var window: Double?

    @Option(help: ArgumentHelp("Seconds between window starts (default: the window length).", valueName: "seconds"))
    var hop: Double?

    @Flag(name: .customLong("train-missing"), help: "Retrain a run without weights from its config.yaml and seed, check its metrics equal the committed ones, then use it.")
    var trainMissing = false

    @OptionGroup var features: FeatureCacheOptions

    @OptionGroup var numerics: NumericsOptions

    func run() throws {
        try reportingFailures {
            try numerics.load()
            guard !clips.isEmpty else { throw CLIFailure("name at least one clip or folder of clips", code: Exit.badInput) }
            guard json == false || csv == false else { throw CLIFailure("choose one of --json and --csv", code: Exit.badInput) }
            guard topK >= 1 else { throw CLIFailure("--top-k must be at least 1", code: Exit.badInput) }
            let folders: [URL]
            switch (runFolders.isEmpty, experiment) {
            case (false, nil):
                guard !best else { throw CLIFailure("--best picks among the seeds of --experiment", code: Exit.badInput) }
                folders = runFolders.map { URL(fileURLWithPath: $0) }
            case (true, let name?):
                let base = URL(fileURLWithPath: runs)
                folders = best ? [try ExperimentRuns.best(name, in: base)] : try ExperimentRuns.all(name, in: base)
            default:
                throw CLIFailure("name the model with --run FOLDER or --experiment NAME (one of the two)", code: Exit.badInput)
            }
            var options = ExperimentRunner.Options()
            features.apply(to: &options)
            options.toolVersion = SoundLabVersion.string
            Interrupt.install()
            let progress = ProgressDisplay()
            let predictor: Predictor
            do {
                predictor = try Predictor.load(runs: folders, window: window, hop: hop, trainMissing: trainMissing,
                                               options: options, report: progress.show)
            } catch {
                progress.finish()
                throw error
            }
            progress.finish()
            let (urls, paths) = try ClipFiles.find(clips)
            guard !urls.isEmpty else { throw CLIFailure("no .wav clip in \(clips.joined(separator: ", "))", code: Exit.badInput) }
            var predictions: [ClipPrediction] = [], failures: [ClipFailure] = []
            for result in try predictor.predict(urls, paths: paths) {
                switch result {
                case .success(let p): predictions.append(p)
                case .failure(let f): failures.append(f)
                }
            }
            let report = PredictionReport(labels: predictor.labels, predictions: predictions, topK: topK)
            print(json ? report.json : csv ? report.csv : report.text, terminator: "")
            if let timeline { try writeText(report.timeline, to: timeline) }
            for f in failures { printError("skipped: \(f)") }
            if !failures.isEmpty {
                printError("error: \(failures.count) of \(urls.count) clip(s) could not be classified")
                throw ExitCode(Exit.partial)
            }
        }
    }

    private func writeText(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CLIFailure("cannot write \(path) (\(error.localizedDescription))", code: Exit.failure)
        }
    }
}
