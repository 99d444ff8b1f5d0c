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
                throw DataError("\(folder.path) has classes \(m.labels.joined(separator: ", ")), \(folders[0].path) has "
                                + "\(first.labels.joined(separator: ", ")); an ensemble averages runs of the same classes")
            }
            guard m.config.features == first.config.features, m.config.model.backbone == first.config.model.backbone else {
                throw DataError("\(folder.path) reads clips with other feature or backbone settings than \(folders[0].path); "
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
            var summed: [ClipPrediction.Window]? = nil
            for results in perModel {
                switch results[i] {
                case .failure(let f): return .failure(f)
                case .success(let w):
                    guard let s = summed else { summed = w; continue }
                    summed = zip(s, w).map { a, b in
                        ClipPrediction.Window(start: a.start, end: a.end, probabilities: zip(a.probabilities, b.probabilities).map(+))
                    }
                }
            }
            var windows = summed!
            if models.count > 1 {
                let n = Float(models.count)
                windows = windows.map { ClipPrediction.Window(start: $0.start, end: $0.end, probabilities: $0.probabilities.map { $0 / n }) }
            }
            return .success(ClipPrediction(path: names[i], windows: windows))
        }
    }

    /// One model's windows of each clip with their probabilities.
    private func windowProbabilities(_ model: TrainedModel, _ urls: [URL], names: [String]) throws -> [Result<[ClipPrediction.Window], ClipFailure>] {
        var inputs: [Float] = [], validFrames: [Int] = []
        var spans: [Result<[(start: Double, end: Double)], ClipFailure>] = []
        if let backbone = model.backbone {
            for (url, name) in zip(urls, names) {
                do {
                    // Decoded first so an unreadable clip fails with the decoder's one-line reason.
                    let wave = try backbone.wave(url)
                    guard let windows else {
                        inputs += try backbone.embeddings([url])
                        validFrames.append(1)
                        spans.append(.success([(0, Double(wave.count) / Double(BirdNETBackbone.sampleRate))]))
                        continue
                    }
                    let starts = windows.starts(units: wave.count)
                    let slices = starts.map { Array(wave[$0..<min($0 + windows.length, wave.count)]) }
                    inputs += try backbone.embeddings(waves: slices)
                    validFrames += [Int](repeating: 1, count: slices.count)
                    spans.append(.success(starts.map {
                        (Double($0) * windows.secondsPerUnit, Double(min($0 + windows.length, wave.count)) * windows.secondsPerUnit)
                    }))
                } catch {
                    spans.append(.failure(ClipFailure(path: name, reason: Self.oneLine(error, url))))
                }
            }
        } else {
            let windows = windows!
            let settings = model.loader.settings
            let size = settings.maxFrames * settings.nMels
            let results = try model.loader.cache.features(for: urls, settings: settings, threads: model.loader.threads)
            for ((result, name), url) in zip(zip(results, names), urls) {
                switch result {
                case .failure(let e):
                    spans.append(.failure(ClipFailure(path: name, reason: Self.oneLine(e, url))))
                case .success(let f):
                    let starts = windows.starts(units: f.frames)
                    for s in starts {
                        // The first window of the clip is the whole clip's features, truncated as evaluation truncates them.
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
            }
        }
        let count = validFrames.count
        let classes = model.labels.count
        let probabilities = count == 0 ? [] : model.probabilities(of: inputs, count: count, validFrames: validFrames)
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

    /// The error in one line, without the file's absolute path (the clip is named as the user gave it).
    private static func oneLine(_ error: Error, _ url: URL) -> String {
        let text = "\(error)".split(separator: "\n").joined(separator: "; ")
        return text.hasPrefix(url.path + ": ") ? String(text.dropFirst(url.path.count + 2)) : text
    }
}
