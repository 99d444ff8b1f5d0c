import Augment
import AudioFeatures
import Foundation
import ModelFormats
import NN
import TensorCore

/// What scoring an evaluation set needs besides the model: the data root, the model's classes, the feature
/// route (cached features, or the frozen backbone), and the seed that fixes every transform and noise draw.
struct EvaluationInputs {
    let root: URL
    let classes: [String]
    let loader: ExampleLoader
    let backbone: BackboneEmbeddings?
    let seed: UInt64
    /// The experiment chose `data.classes`: a set's other class folders are left out, not refused.
    let partialModel: Bool

    init(root: URL, classes: [String], loader: ExampleLoader, backbone: BackboneEmbeddings?, seed: UInt64, partialModel: Bool) {
        self.root = root
        self.classes = classes
        self.loader = loader
        self.backbone = backbone
        self.seed = seed
        self.partialModel = partialModel
    }

    init(_ data: RunData, seed: UInt64, partialModel: Bool) {
        self.init(root: data.root, classes: data.classes, loader: data.loader, backbone: data.backbone, seed: seed,
                  partialModel: partialModel)
    }

    /// The examples of `clips` after `transforms`, then `noise` at a fixed SNR. Clean clips come from the
    /// caches; changed ones are computed. Every draw depends only on the seed, the clip's position in the set
    /// and what the stage is, never on the set's name or on training: the same noise folder gives the same
    /// segment at every SNR, and two sets asking for the same condition get the same audio.
    func source(_ clips: EvaluationClips, transforms: [AugmentationConfig], noise: (folder: String, snrDB: Double)?) throws -> ExampleSource {
        var list = transforms
        if let noise {
            var n = NoiseAugmentation()
            n.folder = noise.folder
            n.snrDB = noise.snrDB...noise.snrDB
            list.append(AugmentationConfig(p: 1, transform: n))
        }
        let labels = clips.labels
        guard !list.isEmpty else { return try examples(clips.urls, labels: labels) }
        var noiseFiles: [URL] = []
        let noiseWaves: (String) throws -> [[Float]] = { folder in
            let urls = try TrainingInputs.noiseURLs(folder, root: root)
            noiseFiles += urls
            if let backbone { return try urls.map(backbone.wave) }
            return try loader.waves(urls)
        }
        let (pipeline, _, _) = try TrainingInputs.augmentation(list, noiseWaves: noiseWaves)
        let keys = zip(list.indices, list).map { i, a in
            i == transforms.count && noise != nil ? StableHash.fnv1a("eval noise|\(noise!.folder)")
                : StableHash.fnv1a("eval transform|\(i)|\(YAMLWriting.emit(a.resolved))")
        }
        guard let backbone else {
            let source = WaveAugmentedExamples(waves: try loader.waves(clips.urls), labels: labels, settings: loader.settings,
                                               pipeline: pipeline, streamKeys: keys, seed: seed, threads: loader.threads, spec: nil)
            try source.prepare(epoch: 0)
            return source
        }
        // Keyed by what makes each changed clip (its content, position, the seed, the transforms and the noise files'
        // contents), so a warm cache scores a set without transforming its clips again.
        let recipe = try zip(list, keys).map { "\($1) \(YAMLWriting.emit($0.resolved))" }.joined(separator: "\n") + "\n"
            + noiseFiles.map { try backbone.contentHash(of: $0) }.joined(separator: ",")
        let entries = try clips.urls.enumerated().map { i, url in
            try backbone.entry(recipe: "evaluation clip \(try backbone.contentHash(of: url)) at \(i), seed \(seed)\n\(recipe)") {
                var wave = try backbone.wave(url)
                pipeline.applyWave(&wave, sampleRate: BirdNETBackbone.sampleRate) { stage in
                    RNG(seed: seed, stream: [StreamPurpose.waveAugment.rawValue, 0, UInt64(i), keys[stage]])
                }
                return wave
            }
        }
        let (values, shape) = backbone.examples(of: entries)
        return InMemoryExamples(inputs: values, labels: labels, validFrames: [Int](repeating: 1, count: labels.count),
                                exampleShape: shape)
    }

    /// Clean clips: the backbone's cached pooled outputs when there is one, else their cached features.
    func examples(_ urls: [URL], labels: [Int]) throws -> InMemoryExamples {
        try RunData.examples(urls, labels: labels, loader: loader, backbone: backbone)
    }
}
