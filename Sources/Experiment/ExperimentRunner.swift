import AudioFeatures
import Crypto
import Augment
import Foundation
import NN
import RunStore
import TensorCore

/// What `soundlab run` does, as a library: config → data → model → training → evaluation → run folder.
public enum ExperimentRunner {
    /// How to run.
    public struct Options {
        /// `--set key=value` overrides.
        public var overrides: [String] = []
        /// Where run folders go.
        public var runsDirectory = URL(fileURLWithPath: "runs")
        /// Feature cache folder.
        public var cacheDirectory = URL(fileURLWithPath: ".cache/features")
        /// Continue from the checkpoint of an interrupted run.
        public var resume = false
        /// Build the model and print its table, train nothing.
        public var dryRun = false
        /// Skip the run when its folder holds the same resolved config and tool version.
        public var onlyIfStale = false
        /// Train even when the run folder is up to date (with `onlyIfStale` or `resume`).
        public var force = false
        /// Backbone embedding cache folder; nil = `embeddings` beside the feature cache folder.
        public var embeddingCacheDirectory: URL?
        /// Worker threads for feature extraction.
        public var threads = 2
        /// What a run may use; a model whose training would not fit is refused before training.
        public var memoryBudget = MemoryBudget.machineDefault
        /// The tool version written into run.json (and part of staleness).
        public var toolVersion = "0"
        /// Run only this seed of the experiment's seed list (its folder keeps the `-seed<s>` suffix): how a sweep
        /// hands one run of a seed list to each worker.
        public var onlySeed: Int?
        /// Defaults.
        public init() {}
    }

    /// What happened.
    public enum Outcome {
        /// The model's layer table (a dry run).
        case dryRun(table: String)
        /// The run folder was already up to date.
        case upToDate(URL)
        /// The file is an abstract base (only extended), skipped under `onlyIfStale`.
        case abstract
        /// A finished run folder.
        case finished(URL, [SummaryRow])
    }

    /// Progress for the CLI.
    public enum Event {
        /// A phase started ("features", "training", ...).
        case phase(String)
        /// A training event.
        case training(TrainingEvent)
        /// Something the user should know that does not stop the run (e.g. a class an evaluation set lacks).
        case note(String)
    }

    /// Runs the experiment in `path`: one outcome per seed, in the order the seeds are listed (a dry run builds
    /// the model once). With `resume`, seeds whose run is already finished and current are not run again.
    public static func run(path: String, options: Options, report: (Event) -> Void = { _ in }) throws -> [Outcome] {
        let experiment = try ExperimentConfig.load(path: path, overrides: options.overrides)
        if experiment.isAbstract {
            if options.onlyIfStale { return [.abstract] }
            throw DataError("\(path) is abstract (a base for `extends`); run an experiment that extends it")
        }
        var outcomes: [Outcome] = []
        var seeds = experiment.seeds
        if let only = options.onlySeed {
            guard seeds.contains(only) else {
                throw DataError("--only-seed \(only) is not one of \(path)'s seeds (\(seeds.map(String.init).joined(separator: ", ")))")
            }
            seeds = [only]
        }
        for s in seeds {
            let folderName = experiment.runFolderName(seed: s)
            if experiment.seeds.count > 1, !options.dryRun { report(.phase("seed \(s) (\(folderName))")) }
            outcomes.append(try runOne(experiment.forSeed(s), folderName: folderName, options: options, report: report))
            if options.dryRun { break }
        }
        return outcomes
    }

    /// One already resolved single-seed config (a run folder's `config.yaml`) into `runs/<folderName>`.
    public static func run(resolved config: ExperimentConfig, folderName: String, options: Options,
                           report: (Event) -> Void = { _ in }) throws -> Outcome {
        try runOne(config, folderName: folderName, options: options, report: report)
    }

    /// One seed's run into `runs/<folderName>`.
    private static func runOne(_ config: ExperimentConfig, folderName: String, options: Options,
                               report: (Event) -> Void) throws -> Outcome {
        var timings: [String: Double] = [:]
        let started = Date()
        var clock = Date()
        func lap(_ phase: String) { timings[phase] = Date().timeIntervalSince(clock); clock = Date() }

        let resolved = config.resolvedYAML
        let runFolder = options.runsDirectory.appendingPathComponent(folderName)
        // One process at a time trains a given run: a second one waits, then finds the run current (--if-stale)
        // or replaces it with its own identical result, instead of racing on the folder.
        let lock = options.dryRun ? nil : try RunLock.acquire(runsDirectory: options.runsDirectory, name: folderName) {
            report(.phase("waiting for another soundlab that is running \(folderName)"))
        }
        defer { withExtendedLifetime(lock) {} }
        if lock != nil { RunLock.removeOrphans(in: options.runsDirectory, held: folderName) }
        if options.onlyIfStale || options.resume, !options.dryRun, !options.force,
           isUpToDate(runFolder, resolved: resolved, version: options.toolVersion) {
            return .upToDate(runFolder)
        }

        // A dry run needs only the class count; a real run lists the data once and builds the model for its classes.
        if options.dryRun {
            let classCount = try config.data.classes?.count ?? RunData.listing(config).classes.count
            return .dryRun(table: try GraphBuilder.build(config.model, classCount: classCount, seed: UInt64(config.seed),
                                                         budget: options.memoryBudget, batchSize: config.train.batchSize).table)
        }
        let data = try RunData.prepare(config, options: options)
        // Release builds compile TensorCore's shape preconditions out: a model built for another input than the
        // features would read past their end. Caught here, as bad input.
        if data.backbone == nil, config.model.inputShape != data.exampleShape {
            let n = data.exampleShape.reduce(1, *)
            let hint = config.model.inputShape.reduce(1, *) == n
                ? "; to give the model another view of the same \(n) values, keep input_shape at \(data.exampleShape) and start the layers with {type: reshape, target_shape: \(config.model.inputShape)}"
                : ""
            throw DataError("model.input_shape is \(config.model.inputShape) but the features are \(data.exampleShape) "
                            + "(features.max_frames × features.n_mels)\(hint)")
        }
        let model = try GraphBuilder.build(config.model, classCount: data.classes.count, seed: UInt64(config.seed),
                                           budget: options.memoryBudget, batchSize: config.train.batchSize)
        try config.checkObjectives(model: model.module)
        try EvaluationStep.checkClasses(config, classes: data.classes, root: data.root)
        let folds = try CrossValidationStep.folds(config, data: data)
        lap("setup")

        report(.phase("features"))
        let inputs = try TrainingInputs.make(data, config: config, options: options)
        lap("features")

        report(.phase("training"))
        let training = try TrainingStep.run(config, model: model, data: data, inputs: inputs, folderName: folderName,
                                            options: options, report: report)
        lap("training")

        report(.phase("evaluation"))
        let evaluation = try EvaluationStep.run(config, data: data, trainer: training.trainer, report: report)
        let fewShot = try FewShotStep.run(config, data: data, trainer: training.trainer, report: report)
        lap("evaluation")

        var crossValidation: CrossValidationStep?
        if let folds {
            crossValidation = try CrossValidationStep.run(config, data: data, folds: folds, options: options, report: report)
            lap("cross_validation")
        }

        return try RunRecord.write(config, folderName: folderName, model: model, data: data, training: training,
                                   evaluation: evaluation, crossValidation: crossValidation, fewShot: fewShot, timings: &timings,
                                   started: started, options: options, report: report)
    }

    /// Whether `folder` already holds `resolved` (a config's `resolvedYAML`) trained by `version` in this process's
    /// BLAS mode: what `--if-stale` skips, for callers that plan runs without running them (a sweep).
    public static func isCurrent(_ folder: URL, resolved: String, version: String) -> Bool {
        isUpToDate(folder, resolved: resolved, version: version)
    }

    /// A run folder is current when its resolved config, tool version and BLAS mode equal this one's (a run
    /// without a numerics record predates the pinned kernel and is redone).
    static func isUpToDate(_ folder: URL, resolved: String, version: String) -> Bool {
        guard let run = try? Run.load(folder: folder),
              let config = try? String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8) else { return false }
        return config == resolved && run.provenance.soundlabVersion == version
            && run.provenance.numerics?.blasMode == BLAS.shared.mode.rawValue
    }

    /// What decides this process's last digits, for run.json.
    static func numericsRecord() -> NumericsRecord {
        let blas = BLAS.shared
        return NumericsRecord(blasMode: blas.mode.rawValue, blasLibrary: blas.libraryConfig, blasThreads: blas.threads,
                              splitParts: WorkerPool.splitParts, machineSpecific: blas.mode.isMachineSpecific)
    }
}

func sha256(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
}

/// The commit of the working tree, when it is a git checkout.
func gitCommit() -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "rev-parse", "HEAD"]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
