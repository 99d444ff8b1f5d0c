import Experiment
import Foundation
import ModelFormats
import NN
import RunStore
import Testing

private let modelPath = repositoryRoot + "/models/birdnet/BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite"
private let modelPresent = FileManager.default.fileExists(atPath: modelPath)

/// A head trained on BirdNET embeddings of a few real clips (2 classes × 3, one Test clip each).
@Suite(.enabled(if: modelPresent, "BirdNET model missing at models/birdnet/: run `make birdnet` to fetch it (skipping backbone runs)"))
struct BackboneRunTests {
    @Test func aHeadTrainsOnEmbeddingsAndASecondRunReadsTheCache() throws {
        let fm = FileManager.default
        let root = try realClipDataset(classes: ["Cat", "Lion"], perClass: 3)
        defer { try? fm.removeItem(at: root) }
        let file = root.appendingPathComponent("head.yaml")
        try """
            name: head
            seed: 42
            data: {root: \(root.path), validation_fraction: 0}
            model:
              backbone: {name: birdnet, file: \(modelPath)}
              layers:
                - {type: dense, units: classes, activation: softmax}
            train: {epochs: 5, batch_size: 4}

            """.write(to: file, atomically: true, encoding: .utf8)
        var options = ExperimentRunner.Options()
        options.runsDirectory = root.appendingPathComponent("runs")
        options.cacheDirectory = root.appendingPathComponent("cache/features")
        let embeddings = root.appendingPathComponent("cache/embeddings")

        let first = try ExperimentRunner.run(path: file.path, options: options)
        guard case .finished(let folder, let rows)? = first.first else { Issue.record("no run: \(first)"); return }
        #expect(rows.count == 1)
        let run = try Run.load(folder: folder)
        #expect(run.provenance.backbone?.sha256 == "55f3e4055b1a13bfa9a2452731d0d34f6a02d6b775a334362665892794165e4c")
        #expect(run.provenance.backbone?.licence == "CC BY-NC-SA 4.0")
        #expect(try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8).contains("backbone:"))

        // One entry per clip (6 training, 2 test); a second run reads them instead of writing them anew.
        func entries() throws -> [String: Int] {
            var out: [String: Int] = [:]
            for case let url as URL in fm.enumerator(at: embeddings, includingPropertiesForKeys: nil)!
            where url.pathExtension == "f32" {
                out[url.lastPathComponent] = try fm.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
            }
            return out
        }
        let before = try entries()
        #expect(before.count == 8)
        let second = try ExperimentRunner.run(path: file.path, options: options)
        guard case .finished(_, let again)? = second.first else { Issue.record("no second run: \(second)"); return }
        #expect(try entries() == before)
        #expect(again[0].accuracy == rows[0].accuracy && again[0].macroF1 == rows[0].macroF1)

        // The same clips with `output: scores`: the head sees BirdNET's 6522 logits (2 × 6522 + 2 weights), cached
        // under other keys than the embeddings.
        try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "name: head\n", with: "name: scores_head\n")
            .replacingOccurrences(of: "backbone: {name: birdnet,", with: "backbone: {name: birdnet, output: scores,")
            .write(to: file, atomically: true, encoding: .utf8)
        let scored = try ExperimentRunner.run(path: file.path, options: options)
        guard case .finished(let scoresFolder, _)? = scored.first else { Issue.record("no scores run: \(scored)"); return }
        #expect(try Run.load(folder: scoresFolder).provenance.parameters == 2 * 6522 + 2)
        let all = try entries()
        #expect(all.count == 16 && Set(before.keys).isSubset(of: Set(all.keys)))
    }

    /// BirdNET's last block fine-tuned with an attention-pooled head over half-overlapping windows: the run finishes,
    /// its weights hold the block under the model's own tensor names, trained away from the file's values, and
    /// scoring the finished run again (`soundlab evaluate`'s path: the model rebuilt, the weights loaded over the
    /// file's) gives the metrics the run wrote.
    @Test func aFineTunedTopWithAttentionTrainsSavesAndScoresAgain() throws {
        let fm = FileManager.default
        let root = try realClipDataset(classes: ["Cat", "Lion"], perClass: 3)
        defer { try? fm.removeItem(at: root) }
        let file = root.appendingPathComponent("tuned.yaml")
        try """
            name: tuned
            seed: 42
            data: {root: \(root.path), validation_fraction: 0}
            model:
              backbone: {name: birdnet, file: \(modelPath), pooling: attention, attention_units: 16, trainable_blocks: 1,
                         hop_length: 72000}
              layers:
                - {type: dense, units: classes, activation: softmax}
            train: {epochs: 3, batch_size: 4}

            """.write(to: file, atomically: true, encoding: .utf8)
        var options = ExperimentRunner.Options()
        options.runsDirectory = root.appendingPathComponent("runs")
        options.cacheDirectory = root.appendingPathComponent("cache/features")
        let result = try ExperimentRunner.run(path: file.path, options: options)
        guard case .finished(let folder, let rows)? = result.first else { Issue.record("no run: \(result)"); return }

        let weights = try SafetensorsFile.read(from: folder.appendingPathComponent("weights.safetensors"))
        let top = try BirdNETBackbone.load(URL(fileURLWithPath: modelPath)).trainableTop(blocks: 1, toScores: false)
        let conv = try #require(weights["backbone.model/POST_CONV_1/Conv2D"], "\(weights.tensors.map { $0.name })")
        let original = try #require(zip(top.weights, top.initialWeights).first { $0.0.name == "model/POST_CONV_1/Conv2D" }?.1)
        #expect(conv.shape == original.shape && conv.values != original.scalars, "the block was not trained")
        #expect(weights["pooling.score"]?.shape == [16, 1] && weights["head.dense_0.kernel"]?.shape == [1024, 2])

        let again = root.appendingPathComponent("again")
        try fm.createSymbolicLink(at: again, withDestinationURL: root.appendingPathComponent("Test"))
        let scored = try RunEvaluator.evaluate(runFolder: folder, specs: [again.path], options: options)
        #expect(scored.sets.count == 1 && scored.sets[0].accuracy == rows[0].accuracy && scored.sets[0].macroF1 == rows[0].macroF1)
    }
}
