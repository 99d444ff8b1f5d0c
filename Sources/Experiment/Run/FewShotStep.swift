import Foundation
import NN
import RunStore
import TensorCore

/// Few-shot evaluation (`evaluate.few_shot`): the trained model's embedding as a k-shot classifier. Each draw takes
/// k random training clips per class, their mean embeddings as prototypes, and classifies the headline set by the
/// nearest prototype; accuracy and macro-F1 are averaged over the draws. Embeddings are computed once.
enum FewShotStep {
    static func run(_ config: ExperimentConfig, data: RunData, trainer: Trainer,
                    report: (ExperimentRunner.Event) -> Void) throws -> [FewShotRow] {
        guard let fewShot = config.evaluate.fewShot, let network = trainer.model as? EmbeddingNetwork else { return [] }
        report(.phase("few-shot evaluation"))
        let train = try data.features(data.trainIndices)
        let headline = config.evaluate.sets[0]
        let inputs = EvaluationInputs(data, seed: UInt64(config.seed), partialModel: config.data.classes != nil)
        let clips = try EvaluationClips.resolve(headline, root: inputs.root, classes: data.classes, partialModel: inputs.partialModel)
        let noise = headline.noise.flatMap { n in n.folders.first.flatMap { f in n.snrDB.first.map { (folder: f, snrDB: $0) } } }
        let test = try inputs.source(clips, transforms: headline.transforms, noise: noise)
        let (trainEmbeddings, width) = trainer.embed(train, with: network)
        let (testEmbeddings, _) = trainer.embed(test, with: network)
        var members = [[Int]](repeating: [], count: data.classes.count)
        for (i, l) in train.labels.enumerated() { members[l].append(i) }
        return fewShot.shots.map { k in
            var accuracies: [Double] = [], f1s: [Double] = []
            for draw in 0..<fewShot.draws {
                var rng = RNG(seed: UInt64(config.seed), stream: [StreamPurpose.fewShot.rawValue, UInt64(k), UInt64(draw)])
                var prototypes: [(label: Int, mean: [Float])] = []
                for (c, clips) in members.enumerated() where clips.count >= k {
                    var mean = [Float](repeating: 0, count: width)
                    for j in rng.permutation(clips.count).prefix(k) {
                        for d in 0..<width { mean[d] += trainEmbeddings[clips[j] * width + d] }
                    }
                    prototypes.append((c, mean.map { $0 / Float(k) }))
                }
                let predicted = (0..<test.count).map { i in
                    prototypes.min { a, b in
                        distance(testEmbeddings, i * width, a.mean) < distance(testEmbeddings, i * width, b.mean)
                    }!.label
                }
                let metrics = ClassificationMetrics(truth: test.labels, predicted: predicted, classes: data.classes)
                accuracies.append(metrics.accuracy)
                f1s.append(metrics.macro.f1)
            }
            return FewShotRow(shots: k, draws: fewShot.draws, accuracy: mean(accuracies), accuracySD: sd(accuracies),
                              macroF1: mean(f1s), macroF1SD: sd(f1s))
        }
    }

    private static func distance(_ x: [Float], _ offset: Int, _ p: [Float]) -> Float {
        var s: Float = 0
        for d in p.indices { let t = x[offset + d] - p[d]; s += t * t }
        return s
    }

    private static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(v.count, 1)) }

    private static func sd(_ v: [Double]) -> Double {
        guard v.count > 1 else { return 0 }
        let m = mean(v)
        return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
    }
}
