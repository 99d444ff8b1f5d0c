import Experiment
import Foundation
import NN
import RunStore
import Testing

/// Contrastive pretraining (SimCLR's NT-Xent), prototypical episodes, joint CE + NT-Xent, and few-shot evaluation,
/// on real clips through the runner.
@Suite struct PretrainingTests {
    private func yaml(_ name: String, _ data: URL, head: String, train: String, stages: String = "", extra: String = "") -> String {
        """
        name: \(name)
        seed: 5
        data: {root: \(data.path), validation_fraction: 0}
        features: {max_frames: 32, n_mels: 32}
        model:
          embedding: embedding
          layers:
            - {type: conv1d, filters: 8, kernel_size: 3, activation: relu}
            - {type: global_avg_pool1d, name: embedding}
            - \(head)
          projection:
            - {type: dense, units: 8, activation: relu}
            - {type: dense, units: 4}
        augmentation:
          - {type: spec_augment, freq_masks: 1, freq_width: 4, time_masks: 1, time_width: 4}
        train: \(train)
        \(stages)
        \(extra)
        """
    }

    private let prototypes = "{type: nearest_prototype, units: classes}"

    /// SimCLR then episodes in one run equals the two stages run as two experiments chained by `init_from`: weights
    /// (prototypes included) and metrics. The pretraining stage uses no labels and reports no validation; the
    /// second view's draws differ from the first's, so the contrastive loss falls.
    @Test func simclrThenEpisodesEqualTwoRunsChainedByInitFrom() throws {
        let data = try realClipDataset(classes: ["Cat", "Dog", "Lion"], perClass: 6)
        defer { try? FileManager.default.removeItem(at: data) }
        let base = "{epochs: 3, batch_size: 6, optimizer: {type: adam, lr: 1.0e-2}}"
        let episodes = "{ways: 3, shots: 2, queries: 3, per_epoch: 4}"
        let staged = try runExperiment(yaml("staged", data, head: prototypes, train: base, stages: """
            stages:
              - {name: pretrain, epochs: 4, loss: {type: ntxent, temperature: 0.5}}
              - {name: episodes, epochs: 3, loss: {type: prototypical}, episodes: \(episodes)}
            """), in: data, "staged.yaml")
        let first = try runExperiment(yaml("first", data, head: prototypes,
                                 train: "{epochs: 4, batch_size: 6, optimizer: {type: adam, lr: 1.0e-2}, loss: {type: ntxent, temperature: 0.5}}"),
                            in: data, "first.yaml")
        let second = try runExperiment(yaml("second", data, head: prototypes, train: """
            {epochs: 3, batch_size: 6, optimizer: {type: adam, lr: 1.0e-2}, loss: {type: prototypical}, episodes: \(episodes),
             init_from: \(first.folder.path)/weights.safetensors}
            """), in: data, "second.yaml")
        #expect(try savedWeights(staged.folder) == savedWeights(second.folder))
        #expect(staged.rows[0].accuracy == second.rows[0].accuracy && staged.rows[0].macroF1 == second.rows[0].macroF1)
        let h = try savedHistory(staged.folder)
        #expect(h.map(\.stage) == ["pretrain", "pretrain", "pretrain", "pretrain", "episodes", "episodes", "episodes"])
        #expect(h.prefix(4).allSatisfy { $0.valLoss.isNaN })
        #expect(h[3].loss < h[0].loss, "NT-Xent falls over pretraining: \(h.map(\.loss))")
        let saved = try savedWeights(staged.folder)
        #expect(saved.keys.contains("projection.0.kernel") && saved.keys.contains("nearest_prototype_2.prototypes"), "\(saved.keys.sorted())")
    }

    /// Prototypical episodes alone fit a tiny model to its training clips (the queries' accuracy ends near 1), the
    /// prototypes are the class means of the training embeddings, and few-shot evaluation writes one row per shots.
    @Test func episodesFitTheTrainingClipsAndFewShotIsWritten() throws {
        let data = try realClipDataset(classes: ["Cat", "Dog", "Lion"], perClass: 6)
        defer { try? FileManager.default.removeItem(at: data) }
        let r = try runExperiment(yaml("proto", data, head: prototypes,
                             train: "{epochs: 60, optimizer: {type: adam, lr: 1.0e-2}, loss: {type: prototypical}, episodes: {ways: 3, shots: 3, queries: 3, per_epoch: 4}}",
                             extra: "evaluate: {few_shot: {shots: [1, 3], draws: 20}}"), in: data, "p.yaml")
        let h = try savedHistory(r.folder)
        #expect(h.suffix(3).map(\.accuracy).reduce(0, +) / 3 > 0.9, "\(h.map(\.accuracy))")
        let text = try String(contentsOf: r.folder.appendingPathComponent("metrics/few_shot.csv"), encoding: .utf8)
        let rows = try FewShotRow.parse(csv: text, path: "few_shot.csv")
        #expect(rows.map(\.shots) == [1, 3] && rows.allSatisfy { $0.draws == 20 && (0...1).contains($0.accuracy) && $0.accuracySD >= 0 })
        #expect(try Run.load(folder: r.folder).fewShot == rows)
    }

    /// Joint training (train.contrastive) reports the classifier's accuracy and trains the projection head; without
    /// the contrastive term the same config leaves the projection at its initialisation.
    @Test func jointTrainingTrainsTheProjectionBesideTheClassifier() throws {
        let data = try realClipDataset(classes: ["Cat", "Dog"], perClass: 5)
        defer { try? FileManager.default.removeItem(at: data) }
        let dense = "{type: dense, units: classes, activation: softmax}"
        let joint = try runExperiment(yaml("joint", data, head: dense, train: "{epochs: 3, batch_size: 4, contrastive: {weight: 0.5, temperature: 0.2}}"),
                            in: data, "j.yaml")
        let plain = try runExperiment(yaml("plain", data, head: dense, train: "{epochs: 3, batch_size: 4}"), in: data, "p.yaml")
        let config = try ExperimentConfig.load(path: data.appendingPathComponent("p.yaml").path, dataDirectory: nil)
        let initial = try GraphBuilder.build(config.model, classCount: 2, seed: 5).module.stateList()
        let start = initial.first { $0.name == "projection.0.kernel" }?.values
        #expect(try savedWeights(plain.folder)["projection.0.kernel"] == start)
        #expect(try savedWeights(joint.folder)["projection.0.kernel"] != start)
        #expect(try savedHistory(joint.folder).allSatisfy { (0...1).contains($0.accuracy) })
    }

    /// Each way a stage's loss cannot train the model is refused before training, naming what to declare.
    @Test func objectivesTheModelCannotTrainAreRefusedWithTheFix() throws {
        let scratch = try ConfigScratch()
        func problem(_ model: String, _ train: String, _ extra: String = "") throws -> String {
            let path = try scratch.write("o.yaml", """
                data: {validation_fraction: 0}
                model: \(model)
                train: \(train)
                \(extra)
                """)
            do {
                try ExperimentConfig.load(path: path, dataDirectory: nil).checkModel()
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let dense = "{layers: [{type: global_avg_pool1d}, {type: dense, units: 3, activation: softmax}]}"
        let withProjection = "{layers: [{type: global_avg_pool1d}, {type: dense, units: 3, activation: softmax}], projection: [{type: dense, units: 4}]}"
        let proto = "{layers: [{type: global_avg_pool1d}, {type: nearest_prototype, units: 3}]}"
        #expect(try problem(dense, "{loss: {type: ntxent}}").contains("train.loss ntxent compares projections of the embedding: declare model.projection"))
        #expect(try problem(dense, "{contrastive: {weight: 1}}").contains("train.contrastive compares projections of the embedding: declare model.projection"))
        #expect(try problem(withProjection, "{loss: {type: prototypical}}").contains("end model.layers with {type: nearest_prototype, units: classes}"))
        #expect(try problem(proto, "{loss: {type: cross_entropy}}").contains("the model ends in nearest_prototype: use loss prototypical"))
        #expect(try problem(withProjection, "{loss: {type: ntxent}, contrastive: {weight: 1}}").contains("adds NT-Xent to a classification loss"))
        #expect(try problem(dense, "{epochs: 1}", "evaluate: {few_shot: {shots: [1]}}").contains("name its layer with model.embedding"))
        #expect(try problem(withProjection, "{loss: {type: ntxent}}") == "accepted")
        #expect(try problem(proto, "{loss: {type: prototypical}, episodes: {ways: 3}}") == "accepted")
    }
}
