import AudioFeatures
import Foundation
import ModelFormats
import RunStore

/// `soundlab predict`: one finished run, or several seeds of one experiment averaged (a seed ensemble), applied
/// to clips through the model and feature path that trained and scored the run (`TrainedModel`).
public struct Predictor {
    /// The run folders whose probabilities are averaged.
    public let runs: [URL]
    /// The classes, in the models' output order.
    public let labels: [String]
    /// Where windows fall: nil for a backbone model scored on whole clips (the backbone pools its own windows).
    public let windows: PredictionWindows?
    private let models: [TrainedModel]
    /// The test folder of the (first) run's dataset, `data.root/data.test`, as its config names it.
    public var testFolder: String { (models[0].config.data.root as NSString).appendingPathComponent(models[0].config.data.test) }
    /// Clips per forward batch group; bounds the memory of a large folder.
    private let chunk = 64

    /// Opens the runs in `folders` with windows of `window` seconds every `hop` seconds (nil: the model's input,
    /// back to back). A run without weights is retrained first when `trainMissing` is set, else refused with the
    /// command that does it.
    public static func load(runs folders: [URL], window: Double? = nil, hop: Double? = nil, trainMissing: Bool = false,
                            options: ExperimentRunner.Options,
                            report: (ExperimentRunner.Event) -> Void = { _ in }) throws -> Predictor {
        precondition(!folders.isEmpty, "no runs")
        var models: [TrainedModel] = []
        for folder in folders {
            let (run, config) = try RunFolderCheck.open(folder)
            if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(RunLayout.weights).path) {
                guard trainMissing else {
                    throw RunFitError.missingWeights(run: folder.relativePath, command: WeightsRecovery.command(for: folder))
                }
                try WeightsRecovery.retrain(folder, config: config, options: options, report: report)
            }
            models.append(try TrainedModel.load(folder: folder, config: config, labels: run.labels, options: options))
        }
        let first = models[0]
        for (m, folder) in zip(models, folders).dropFirst() {
            guard m.labels == first.labels else {
                throw DataError("\(folder.relativePath) has classes \(m.labels.joined(separator: ", ")), \(folders[0].relativePath) has "
                                + "\(first.labels.joined(separator: ", ")); an ensemble averages runs of the same classes")
            }
            guard m.config.features == first.config.features, m.config.model.backbone == first.config.model.backbone else {
                throw DataError("\(folder.relativePath) reads clips with other feature or backbone settings than \(folders[0].relativePath); "
                                + "an ensemble averages runs that read clips the same way")
            }
        }
        let windows: PredictionWindows?
        if first.backbone != nil {
            if window == nil && hop != nil { throw DataError("--hop needs --window for a backbone model (it pools whole clips by default)") }
            windows = try window.map { _ in
                try PredictionWindows.seconds(window: window, hop: hop, maxUnits: Int.max / 2,
                                              secondsPerUnit: 1 / Double(BirdNETBackbone.sampleRate), what: "the backbone's")
            }
        } else {
            let f = first.config.features
            windows = try PredictionWindows.seconds(window: window, hop: hop, maxUnits: f.maxFrames,
                                                    secondsPerUnit: Double(f.hopLength) / Double(f.sampleRate),
                                                    what: "features.max_frames \(f.maxFrames)")
        }
        return Predictor(runs: folders, labels: first.labels, windows: windows, models: models)
    }

    /// Classifies `urls`, each clip to a prediction or a one-line failure, in order.
    public func predict(_ urls: [URL], paths: [String]? = nil) throws -> [Result<ClipPrediction, ClipFailure>] {
        let names = paths ?? urls.map(\.path)
        var out: [Result<ClipPrediction, ClipFailure>] = []
        for start in stride(from: 0, to: urls.count, by: chunk) {
            let range = start..<min(start + chunk, urls.count)
            out += try predictChunk(Array(urls[range]), names: Array(names[range]))
        }
        return out
    }

    private func predictChunk(_ urls: [URL], names: [String]) throws -> [Result<ClipPrediction, ClipFailure>] {
        // Every model's window probabilities, then their mean: seeds of one experiment read clips alike.
        var perModel: [[Result<[ClipPrediction.Window], ClipFailure>]] = []
        for model in models { perModel.append(try windowProbabilities(model, urls, names: names)) }
        return urls.indices.map { i in
            var windows: [[ClipPrediction.Window]] = []
            for results in perModel {
                switch results[i] {
                case .failure(let f): return .failure(f)
                case .success(let w): windows.append(w)
                }
            }
            return .success(ClipPrediction(path: names[i], windows: Self.mean(windows)))
        }
    }

    /// The window-by-window mean of the models' probabilities (one model's as they are).
    private static func mean(_ perModel: [[ClipPrediction.Window]]) -> [ClipPrediction.Window] {
        guard perModel.count > 1 else { return perModel[0] }
        let n = Float(perModel.count)
        return perModel[0].indices.map { w in
            var sum = perModel[0][w].probabilities
            for model in perModel.dropFirst() { for c in sum.indices { sum[c] += model[w].probabilities[c] } }
            return ClipPrediction.Window(start: perModel[0][w].start, end: perModel[0][w].end, probabilities: sum.map { $0 / n })
        }
    }

    /// Classifies a recording already in memory (`soundlab listen`), at `sampleRate`, through the same windows.
    public func predict(wave: [Float], sampleRate: Int, name: String) throws -> ClipPrediction {
        var perModel: [[ClipPrediction.Window]] = []
        for model in models {
            var batch = WindowBatch()
            if let backbone = model.backbone {
                try batch.add(backbone: backbone, wave: Resampler.resample(wave, from: sampleRate, to: BirdNETBackbone.sampleRate),
                              windows: windows)
            } else {
                let extractor = try FeatureExtractor(settings: model.loader.settings)
                let resampled = extractor.wave(DecodedAudio(samples: wave, sampleRate: sampleRate, channels: 1, encoding: "recording"))
                batch.add(features: extractor.modelInput(extractor.melDB(wave: resampled)), windows: windows!, settings: model.loader.settings)
            }
            perModel.append(try batch.score(model)[0].get())
        }
        return ClipPrediction(path: name, windows: Self.mean(perModel))
    }

    /// One model's windows of each clip with their probabilities.
    private func windowProbabilities(_ model: TrainedModel, _ urls: [URL], names: [String]) throws -> [Result<[ClipPrediction.Window], ClipFailure>] {
        var batch = WindowBatch()
        if let backbone = model.backbone {
            for (url, name) in zip(urls, names) {
                do {
                    // Decoded first so an unreadable clip fails with the decoder's one-line reason.
                    let wave = try backbone.wave(url)
                    if windows == nil {
                        // The whole clip through the backbone's cached route, exactly as evaluation embedded it.
                        batch.add(entry: try backbone.entries([url])[0], seconds: Double(wave.count) / Double(BirdNETBackbone.sampleRate))
                    } else {
                        try batch.add(backbone: backbone, wave: wave, windows: windows)
                    }
                } catch {
                    batch.fail(ClipFailure(path: name, reason: Self.oneLine(error, url)))
                }
            }
        } else {
            let settings = model.loader.settings
            let results = try model.loader.cache.features(for: urls, settings: settings, threads: model.loader.threads)
            for ((result, name), url) in zip(zip(results, names), urls) {
                switch result {
                case .failure(let e): batch.fail(ClipFailure(path: name, reason: Self.oneLine(e, url)))
                case .success(let f): batch.add(features: f, windows: windows!, settings: settings)
                }
            }
        }
        return batch.score(model)
    }

    /// The model inputs of a group of clips' windows, scored in one pass and handed back clip by clip: padded
    /// features, or the backbone's cached entries, which it turns into examples as evaluation does.
    private struct WindowBatch {
        var inputs: [Float] = []
        var validFrames: [Int] = []
        var entries: [[Float]] = []
        var spans: [Result<[(start: Double, end: Double)], ClipFailure>] = []

        mutating func fail(_ failure: ClipFailure) { spans.append(.failure(failure)) }

        /// A clip's features cut into windows; the first window is the whole clip's features, truncated as
        /// evaluation truncates them, so a one-window clip is exactly the evaluated input.
        mutating func add(features f: Features, windows: PredictionWindows, settings: FeatureSettings) {
            let size = settings.maxFrames * settings.nMels
            let starts = windows.starts(units: f.frames)
            for s in starts {
                let frames = min(windows.length, f.frames - s)
                let window = s == 0 ? f : Features(values: Array(f.values[(s * f.mels)..<((s + frames) * f.mels)]), frames: frames, mels: f.mels)
                var padded = [Float](repeating: 0, count: size)
                padded.withUnsafeMutableBufferPointer { window.copyPadded(into: $0.baseAddress!, maxFrames: min(windows.length, settings.maxFrames)) }
                inputs += padded
                validFrames.append(min(frames, settings.maxFrames))
            }
            spans.append(.success(starts.map {
                (Double($0) * windows.secondsPerUnit, Double(min($0 + windows.length, f.frames)) * windows.secondsPerUnit)
            }))
        }

        /// A whole clip's backbone entry.
        mutating func add(entry: [Float], seconds: Double) {
            entries.append(entry)
            spans.append(.success([(0, seconds)]))
        }

        /// A wave at the backbone's rate, whole (`windows` nil) or cut into windows, each its own example.
        mutating func add(backbone: BackboneEmbeddings, wave: [Float], windows: PredictionWindows?) throws {
            guard let windows else {
                return add(entry: try backbone.entries(waves: [wave])[0], seconds: Double(wave.count) / Double(BirdNETBackbone.sampleRate))
            }
            let starts = windows.starts(units: wave.count)
            entries += try backbone.entries(waves: starts.map { Array(wave[$0..<min($0 + windows.length, wave.count)]) })
            spans.append(.success(starts.map {
                (Double($0) * windows.secondsPerUnit, Double(min($0 + windows.length, wave.count)) * windows.secondsPerUnit)
            }))
        }

        /// Every window's probabilities, clip by clip.
        func score(_ model: TrainedModel) -> [Result<[ClipPrediction.Window], ClipFailure>] {
            let classes = model.labels.count
            var probabilities: [Float] = []
            if let backbone = model.backbone, !entries.isEmpty {
                let (values, shape) = backbone.examples(of: entries)
                probabilities = model.probabilities(of: values, count: entries.count, shape: shape,
                                                    validFrames: [Int](repeating: 1, count: entries.count))
            } else if !validFrames.isEmpty {
                probabilities = model.probabilities(of: inputs, count: validFrames.count, shape: model.loader.exampleShape,
                                                    validFrames: validFrames)
            }
            var next = 0
            return spans.map { span in
                span.map { list in
                    list.map { s in
                        defer { next += 1 }
                        return ClipPrediction.Window(start: s.start, end: s.end,
                                                     probabilities: Array(probabilities[(next * classes)..<((next + 1) * classes)]))
                    }
                }
            }
        }
    }

    /// The error in one line, without the file's absolute path (the clip is named as the user gave it).
    private static func oneLine(_ error: Error, _ url: URL) -> String {
        let text = "\(error)".split(separator: "\n").joined(separator: "; ")
        return text.hasPrefix(url.path + ": ") ? String(text.dropFirst(url.path.count + 2)) : text
    }
}
