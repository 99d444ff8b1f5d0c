import Augment
import AudioFeatures
import Foundation
import ModelFormats
import NN
import TensorCore

/// Step 2 of a run: the augmentation pipeline and the two example sources it feeds. Each clip goes through the
/// route it needs, once: with waveform stages the training clips are decoded to waves (their features are
/// computed per epoch from the augmented copies), otherwise their cached features are read; the validation
/// clips always come from the feature cache.
struct TrainingInputs {
    let train: ExampleSource
    let validation: InMemoryExamples
    let mixup: Mixup?

    /// The run's own split, with augmentation draws from the experiment seed.
    static func make(_ data: RunData, config: ExperimentConfig, options: ExperimentRunner.Options) throws -> TrainingInputs {
        try make(data, train: data.trainIndices, validation: data.validationIndices, config: config,
                 seed: UInt64(config.seed), threads: options.threads)
    }

    /// The training clips at `trainIndices` and `validationIndices` (a cross-validation fold's, say), with
    /// augmentation draws from `seed`.
    static func make(_ data: RunData, train trainIndices: [Int], validation validationIndices: [Int],
                     config: ExperimentConfig, seed: UInt64, threads: Int) throws -> TrainingInputs {
        if let backbone = data.backbone, !config.augmentation.isEmpty {
            return try backboneViews(data, train: trainIndices, validation: validationIndices, backbone: backbone,
                                     config: config, seed: seed)
        }
        let (pipeline, keys, mixup) = try augmentation(config.augmentation) { try data.loader.waves(noiseURLs($0, root: data.root)) }
        let spec = specClosure(pipeline, keys: keys, settings: config.features, seed: seed)
        let train: ExampleSource
        if pipeline.hasWaveStages {
            train = WaveAugmentedExamples(waves: try data.loader.waves(trainIndices.map { data.trainURLs[$0] }),
                                          labels: trainIndices.map { data.trainLabels[$0] }, settings: config.features,
                                          pipeline: pipeline, streamKeys: keys, seed: seed, threads: threads, spec: spec)
        } else {
            train = try data.features(trainIndices, augment: spec)
        }
        return TrainingInputs(train: train, validation: try data.features(validationIndices), mixup: mixup)
    }

    /// Training inputs for a head on a frozen backbone with waveform augmentation: `views` augmented copies of
    /// each training clip at the backbone's rate, embedded once (cached by their samples' digest), plus the clean
    /// clip; each epoch draws one per clip.
    private static func backboneViews(_ data: RunData, train indices: [Int], validation validationIndices: [Int],
                                      backbone: BackboneEmbeddings, config: ExperimentConfig, seed: UInt64) throws -> TrainingInputs {
        var noiseFiles: [URL] = []
        let (pipeline, keys, mixup) = try augmentation(config.augmentation) { folder in
            let urls = try noiseURLs(folder, root: data.root)
            noiseFiles += urls
            return try urls.map(backbone.wave)
        }
        let k = backbone.config.views
        var entries = [[[Float]]](repeating: [], count: k + 1)
        entries[0] = try backbone.entries(indices.map { data.trainURLs[$0] })
        // A view is keyed by what makes it (the clip, its index and the seed that fix the draws, the transforms, the
        // noise files' contents), so a warm cache finds it without augmenting the clip again.
        let pipelineKey = try config.augmentation.map { YAMLWriting.emit($0.resolved) }.joined(separator: "\n") + "\n"
            + noiseFiles.map { try backbone.contentHash(of: $0) }.joined(separator: ",")
        for i in indices {
            let clipHash = try backbone.contentHash(of: data.trainURLs[i])
            var clean: [Float]?
            for view in 1...k {
                let recipe = "view \(view) of clip \(clipHash) at \(i), seed \(seed)\n\(pipelineKey)"
                entries[view].append(try backbone.entry(recipe: recipe) {
                    if clean == nil { clean = try backbone.wave(data.trainURLs[i]) }
                    var w = clean!
                    pipeline.applyWave(&w, sampleRate: BirdNETBackbone.sampleRate) { stage in
                        RNG(seed: seed, stream: [StreamPurpose.waveAugment.rawValue, UInt64(view), UInt64(i), keys[stage]])
                    }
                    return w
                })
            }
        }
        // Every view padded to the same number of windows (a transform may change a clip's length by a window).
        let windows = entries.map(backbone.maxWindows).max() ?? 1
        let views = entries.map { backbone.examples(of: $0, windows: windows) }
        let train = ViewExamples(views: views.map(\.values), labels: indices.map { data.trainLabels[$0] },
                                 exampleShape: views[0].shape, seed: seed)
        return TrainingInputs(train: train, validation: try data.features(validationIndices), mixup: mixup)
    }

    /// The per-clip pipeline, a stable stream key per stage (type name and occurrence, so inserting a transform
    /// does not shift the others' draws), and batch-level mixup.
    static func augmentation(_ list: [AugmentationConfig], noiseWaves: (String) throws -> [[Float]]) throws
        -> (AugmentPipeline, [UInt64], Mixup?) {
        var stages: [AugmentPipeline.Stage] = [], keys: [UInt64] = [], seen: [String: Int] = [:]
        var mixup: Mixup?
        for a in list {
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

    /// The audio files of a noise folder: under the data root, or absolute.
    static func noiseURLs(_ folder: String, root: URL) throws -> [URL] {
        let dir = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : root.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw DataError("noise folder \(dir.path) does not exist")
        }
        let urls = names.sorted().map { dir.appendingPathComponent($0) }.filter { AudioDecoder.isAudioFile($0) }
        guard !urls.isEmpty else { throw DataError("noise folder \(dir.path) holds no audio files") }
        return urls
    }
}
