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
        /// Worker threads for feature extraction.
        public var threads = 2
        /// The tool version written into run.json (and part of staleness).
        public var toolVersion = "0"
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
        case finished(URL, [MetricsSummaryRow])
    }

    /// Progress for the CLI.
    public enum Event {
        /// A phase started ("features", "training", ...).
        case phase(String)
        /// A training event.
        case training(TrainingEvent)
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
        for s in experiment.seeds {
            let folderName = experiment.runFolderName(seed: s)
            if experiment.seeds.count > 1, !options.dryRun { report(.phase("seed \(s) (\(folderName))")) }
            outcomes.append(try runOne(experiment.forSeed(s), folderName: folderName, options: options, report: report))
            if options.dryRun { break }
        }
        return outcomes
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
        if options.onlyIfStale || options.resume, !options.dryRun,
           isUpToDate(runFolder, resolved: resolved, version: options.toolVersion) {
            return .upToDate(runFolder)
        }

        // Data listing and classes.
        let root = URL(fileURLWithPath: config.data.root)
        let listing = try DatasetListing.scan(root, layout: DatasetLayout(splits: [config.data.train], noiseFolder: "Noise"))
        try listing.requireComplete()
        let classes = config.data.classes ?? listing.classNames
        guard let trainSplit = listing.split(named: config.data.train) else { throw DataError("no split \(config.data.train) in \(root.path)") }
        let trainExamples = trainSplit.examples.filter { classes.contains(trainSplit.classes[$0.label].name) }
        let trainURLs = trainExamples.map(\.file.url)
        let trainLabels = trainExamples.map { classes.firstIndex(of: trainSplit.classes[$0.label].name)! }

        // Model.
        let seed = UInt64(config.seed)
        let built = try GraphBuilder.build(config.model, classCount: classes.count, seed: seed)
        if options.dryRun { return .dryRun(table: built.table) }
        lap("setup")

        // Features and the validation split (duplicates stay on one side).
        report(.phase("features"))
        let settings = config.features
        let loader = ExampleLoader(cache: FeatureCache(directory: options.cacheDirectory), settings: settings, threads: options.threads)
        let hashes = try loader.contentHashes(trainURLs)
        let (trainIdx, valIdx) = try StratifiedSplit.split(labels: trainLabels, groups: hashes, classes: classes,
                                                           fraction: config.data.validationFraction, seed: seed)
        let all = try loader.features(trainURLs)
        let size = loader.exampleShape.reduce(1, *)
        func subset(_ idx: [Int]) -> (inputs: [Float], labels: [Int], frames: [Int]) {
            var x = [Float](repeating: 0, count: idx.count * size)
            x.withUnsafeMutableBufferPointer { dst in
                all.inputs.withUnsafeBufferPointer { src in
                    for (k, i) in idx.enumerated() { (dst.baseAddress! + k * size).update(from: src.baseAddress! + i * size, count: size) }
                }
            }
            return (x, idx.map { trainLabels[$0] }, idx.map { all.validFrames[$0] })
        }
        let (pipeline, keys, mixup) = try augmentation(config, noiseWaves: { try loader.waves(noiseURLs($0, root: root)) })
        let specAugment = specClosure(pipeline, keys: keys, settings: settings, seed: seed)
        let trainSource: ExampleSource
        if pipeline.hasWaveStages {
            let waves = try loader.waves(trainIdx.map { trainURLs[$0] })
            trainSource = WaveAugmentedExamples(waves: waves, labels: trainIdx.map { trainLabels[$0] }, settings: settings,
                                                pipeline: pipeline, streamKeys: keys, seed: seed, threads: options.threads,
                                                spec: specAugment)
        } else {
            let t = subset(trainIdx)
            trainSource = InMemoryExamples(inputs: t.inputs, labels: t.labels, validFrames: t.frames,
                                           exampleShape: loader.exampleShape, augment: specAugment)
        }
        let v = subset(valIdx)
        let validation = InMemoryExamples(inputs: v.inputs, labels: v.labels, validFrames: v.frames, exampleShape: loader.exampleShape)
        lap("features")

        // Training.
        report(.phase("training"))
        let weights: [Float]?
        switch config.train.classWeights {
        case .unweighted: weights = nil
        case .balanced: weights = ClassBalance.balancedWeights(labels: trainSource.labels, classCount: classes.count)
        case .explicit(let w): weights = classes.map { Float(w[$0] ?? 1) }
        }
        let trainer = Trainer(model: built.module, config: config.train, classCount: classes.count, seed: seed,
                              classWeights: weights, mixup: mixup)
        let checkpoints = options.runsDirectory.appendingPathComponent(".checkpoints").appendingPathComponent(folderName)
        // The training clips' content belongs to the fingerprint: a checkpoint made on other data must not be resumed.
        let fingerprint = sha256(resolved + "\n" + options.toolVersion + "\n" + hashes.joined(separator: "\n"))
        let outcome = try trainer.fit(train: trainSource, validation: validation, checkpointDirectory: checkpoints,
                                      resume: options.resume, fingerprint: fingerprint) { report(.training($0)) }
        lap("training")

        // Evaluation on every configured set.
        report(.phase("evaluation"))
        var evaluations: [(EvaluationSet, Evaluation)] = []
        var splitRows = trainIdx.map { SplitRow(file: trainExamples[$0].file.relativePath, label: classes[trainLabels[$0]], subset: "train") }
            + valIdx.map { SplitRow(file: trainExamples[$0].file.relativePath, label: classes[trainLabels[$0]], subset: "validation") }
        for set in config.evaluate.sets {
            let (source, files) = try evaluationSource(set, config: config, classes: classes, loader: loader, root: root, seed: seed)
            evaluations.append((set, trainer.evaluate(source, classNames: classes)))
            splitRows += zip(files, source.labels).map { SplitRow(file: $0, label: classes[$1], subset: set.name) }
        }
        lap("evaluation")

        // The run folder, published only when complete.
        let writer = try RunWriter(runsDirectory: options.runsDirectory, name: folderName)
        do {
            try writer.writeConfig(resolved)
            try writer.writeLabels(classes)
            try writer.writeSplit(splitRows)
            let weightsFile = SafetensorsFile(
                tensors: built.module.stateList().map { SafetensorsTensor(name: $0.name, shape: $0.shape, values: $0.values) },
                metadata: ["experiment": config.name, "soundlab_version": options.toolVersion, "seed": "\(config.seed)",
                           "classes": classes.joined(separator: ","), "input_shape": loader.exampleShape.map(String.init).joined(separator: ",")])
            try writer.writeWeights(try weightsFile.encoded())
            try writer.writeHistory(outcome.history.map {
                HistoryRow(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy, valLoss: $0.valLoss ?? .nan,
                           valAccuracy: $0.valAccuracy ?? .nan, valMacroF1: $0.valMacroF1 ?? .nan, lr: $0.lr, seconds: $0.seconds)
            })
            let primary = evaluations[0].1.metrics
            try writer.writeReport(ClassificationReport(
                classes: classes.indices.map { c in
                    let r = primary.perClass[c]
                    return ReportRow(name: classes[c], precision: r.precision, recall: r.recall, f1: r.f1, support: r.support)
                }, accuracy: primary.accuracy))
            try writer.writeConfusion(ConfusionMatrix(labels: classes, counts: primary.confusion))
            let rows = evaluations.map { set, e in
                MetricsSummaryRow(experiment: config.name, set: evaluations.count > 1 ? set.name : nil,
                                    accuracy: e.metrics.accuracy, macroF1: e.metrics.macro.f1, weightedF1: e.metrics.weighted.f1,
                                    macroPrecision: e.metrics.macro.precision, macroRecall: e.metrics.macro.recall,
                                    parameters: built.module.parameterCount, trainSeconds: timings["training"] ?? 0,
                                    epochsRun: outcome.history.count, seed: seed)
            }
            try writer.writeSummary(rows)
            lap("writing")
            let provenance = RunProvenance(
                experiment: config.name, seed: seed, datasetFingerprint: sha256(hashes.joined(separator: "\n")),
                gitCommit: gitCommit(), soundlabVersion: options.toolVersion, openblasCore: BLAS.shared.coreName,
                numerics: numericsRecord(), host: ProcessInfo.processInfo.hostName, timings: timings, started: started, finished: Date(),
                parameters: built.module.parameterCount)
            let folder = try writer.commit(provenance: provenance)
            try? FileManager.default.removeItem(at: checkpoints)
            return .finished(folder, rows)
        } catch {
            writer.abandon()
            throw error
        }
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

    private static func noiseURLs(_ folder: String, root: URL) throws -> [URL] {
        let dir = root.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw DataError("noise folder \(dir.path) does not exist")
        }
        let urls = names.sorted().map { dir.appendingPathComponent($0) }.filter { AudioDecoder.isAudioFile($0) }
        guard !urls.isEmpty else { throw DataError("noise folder \(dir.path) holds no audio files") }
        return urls
    }

    /// The per-clip pipeline, a stable stream key per stage (type name and occurrence, so inserting a transform
    /// does not shift the others' draws), and batch-level mixup.
    private static func augmentation(_ config: ExperimentConfig, noiseWaves: (String) throws -> [[Float]]) throws
        -> (AugmentPipeline, [UInt64], Mixup?) {
        var stages: [AugmentPipeline.Stage] = [], keys: [UInt64] = [], seen: [String: Int] = [:]
        var mixup: Mixup?
        for a in config.augmentation {
            switch try a.transform.build(p: a.p, noise: noiseWaves) {
            case .stage(let stage):
                let name = a.transform.name
                keys.append(StableHash.fnv1a("\(name)#\(seen[name, default: 0])"))
                seen[name, default: 0] += 1
                stages.append(stage)
            case .batch(let m):
                mixup = m
            }
        }
        return (AugmentPipeline(stages), keys, mixup)
    }

    private static func specClosure(_ pipeline: AugmentPipeline, keys: [UInt64], settings: FeatureSettings, seed: UInt64)
        -> ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)? {
        guard pipeline.stages.contains(where: { if case .spec = $0 { true } else { false } }) else { return nil }
        let frames = settings.maxFrames, mels = settings.nMels
        return { pointer, valid, epoch, example in
            var values = Array(UnsafeBufferPointer(start: pointer, count: frames * mels))
            pipeline.applySpec(&values, frames: frames, mels: mels, validFrames: valid) { stage in
                RNG(seed: seed, stream: [StreamPurpose.specAugment.rawValue, UInt64(epoch), UInt64(example), keys[stage]])
            }
            values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    /// The examples of one evaluation set, with its fixed noise when it asks for one.
    private static func evaluationSource(_ set: EvaluationSet, config: ExperimentConfig, classes: [String],
                                         loader: ExampleLoader, root: URL, seed: UInt64) throws -> (ExampleSource, [String]) {
        let listing = try DatasetListing.scan(root, layout: DatasetLayout(splits: [set.path], noiseFolder: "Noise"))
        guard let split = listing.split(named: set.path) else { throw DataError("no folder \(set.path) under \(root.path)") }
        let examples = split.examples.filter { classes.contains(split.classes[$0.label].name) }
        let urls = examples.map(\.file.url)
        let files = examples.map(\.file.relativePath)
        let labels = examples.map { classes.firstIndex(of: split.classes[$0.label].name)! }
        guard let noise = set.noise else {
            let f = try loader.features(urls)
            return (InMemoryExamples(inputs: f.inputs, labels: labels, validFrames: f.validFrames, exampleShape: loader.exampleShape), files)
        }
        // A noisy set is fixed: its draws depend only on the seed and the example, never on training.
        let mixer = AugmentPipeline([.wave(try BackgroundNoise(noises: try loader.waves(noiseURLs(noise.folder, root: root)),
                                                               minSNR: noise.snrDB.lowerBound, maxSNR: noise.snrDB.upperBound))])
        let source = WaveAugmentedExamples(waves: try loader.waves(urls), labels: labels, settings: loader.settings,
                                           pipeline: mixer, streamKeys: [StableHash.fnv1a("eval:" + set.name)], seed: seed,
                                           threads: loader.threads, spec: nil)
        try source.prepare(epoch: 0)
        return (source, files)
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
