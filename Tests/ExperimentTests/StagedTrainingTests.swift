import Experiment
import Foundation
import NN
import RunStore
import Testing

/// `stages:` runs named stages on one model in order; `init_from` starts training from another run's weights.
@Suite struct StagedTrainingTests {
    private func yaml(_ name: String, _ data: URL, train: String, stages: String = "") -> String {
        """
        name: \(name)
        seed: 3
        data: {root: \(data.path), validation_fraction: 0}
        features: {max_frames: 32}
        model:
          layers:
            - {type: conv1d, filters: 8, kernel_size: 3, activation: relu}
            - {type: flatten}
            - {type: dense, units: classes, activation: softmax}
        train: \(train)
        \(stages)
        """
    }

    /// Two stages in one run (the first with the convolution frozen, the second with another optimizer) end with the
    /// weights and metrics of the same two stages run as two experiments, the second starting from the first's
    /// weights through `init_from`; the frozen convolution does not move in the first stage.
    @Test func twoStagesEqualTwoRunsChainedByInitFrom() throws {
        let data = try realClipDataset(classes: ["Cat", "Dog", "Lion"], perClass: 4)
        defer { try? FileManager.default.removeItem(at: data) }
        let base = "{epochs: 3, batch_size: 4, optimizer: {type: adam, lr: 1.0e-3}}"
        let staged = try runExperiment(yaml("staged", data, train: base, stages: """
            stages:
              - {name: warm, epochs: 2, freeze: [conv1d_0]}
              - {name: tune, epochs: 3, optimizer: {type: sgd, lr: 0.05}}
            """), in: data, "staged.yaml")
        let first = try runExperiment(yaml("first", data, train: "{epochs: 2, batch_size: 4, optimizer: {type: adam, lr: 1.0e-3}, freeze: [\"0\"]}"),
                            in: data, "first.yaml")
        let second = try runExperiment(yaml("second", data, train: """
            {epochs: 3, batch_size: 4, optimizer: {type: sgd, lr: 0.05}, init_from: \(first.folder.path)/weights.safetensors}
            """), in: data, "second.yaml")

        #expect(try savedWeights(staged.folder) == savedWeights(second.folder))
        #expect(staged.rows[0].accuracy == second.rows[0].accuracy && staged.rows[0].macroF1 == second.rows[0].macroF1)
        let history = try HistoryRow.parse(csv: String(contentsOf: staged.folder.appendingPathComponent("metrics/history.csv"), encoding: .utf8),
                                           path: "history.csv")
        #expect(history.map { $0.epoch } == [1, 2, 3, 4, 5])
        #expect(history.map { $0.stage } == ["warm", "warm", "tune", "tune", "tune"], "each epoch names its stage")
        // A single-stage run's file keeps the layout it always had.
        #expect(!(try String(contentsOf: second.folder.appendingPathComponent("metrics/history.csv"), encoding: .utf8)).contains("stage"))

        // The first stage trained only the dense layer: the convolution is still its initialisation.
        let config = try ExperimentConfig.load(path: data.appendingPathComponent("first.yaml").path, dataDirectory: nil)
        let initial = try GraphBuilder.build(config.model, classCount: 3, seed: 3).module.stateList()
        let firstWeights = try savedWeights(first.folder)
        // The file names layers as the config does (Keras's <type>_<index> for unnamed ones); freeze takes either name.
        #expect(firstWeights["conv1d_0.kernel"] == initial.first { $0.name == "0.kernel" }?.values)
        #expect(firstWeights["dense_2.kernel"] != initial.first { $0.name == "2.kernel" }?.values)
        #expect(try savedWeights(staged.folder)["conv1d_0.kernel"] != firstWeights["conv1d_0.kernel"], "the second stage trains the convolution")
    }

    @Test func initFromThatDoesNotFitAndAFreezeTypoAreClearErrors() throws {
        let data = try realClipDataset(classes: ["Cat", "Dog"], perClass: 2)
        defer { try? FileManager.default.removeItem(at: data) }
        let donor = try runExperiment(yaml("donor", data, train: "{epochs: 1, batch_size: 2}"), in: data, "donor.yaml")
        // The same layers in another order of sizes: a tensor the model lacks by name is named, with a suggestion.
        let weightsFile = donor.folder.appendingPathComponent("weights.safetensors")
        var file = try SafetensorsFile.read(from: weightsFile)
        let kernel = try #require(file.tensors.firstIndex { $0.name == "conv1d_0.kernel" }, "\(file.tensors.map { $0.name })")
        file.tensors[kernel].name = "conv1d_0.kernal"
        try file.write(to: data.appendingPathComponent("renamed.safetensors"))
        #expect(throws: (any Error).self) {
            try runExperiment(yaml("renamed", data, train: "{epochs: 1, init_from: \(data.path)/renamed.safetensors}"), in: data, "r.yaml")
        }
        do {
            _ = try runExperiment(yaml("renamed", data, train: "{epochs: 1, init_from: \(data.path)/renamed.safetensors}"), in: data, "r.yaml")
        } catch {
            #expect("\(error)".contains("'conv1d_0.kernal' is not a parameter of this model (did you mean 'conv1d_0.kernel'?)"), "\(error)")
        }
        do {
            _ = try runExperiment(yaml("missing", data, train: "{epochs: 1, init_from: \(data.path)/runs/nope/weights.safetensors}"), in: data, "m.yaml")
            Issue.record("a missing init_from file was accepted")
        } catch {
            #expect("\(error)".contains("does not exist: weights are not committed with a run; train 'nope' first"), "\(error)")
        }
        do {
            _ = try runExperiment(yaml("typo", data, train: "{epochs: 1}", stages: "stages: [{name: a, freeze: [haed]}]"), in: data, "t.yaml")
            Issue.record("a freeze path naming nothing was accepted")
        } catch {
            #expect("\(error)" == "stages.0.freeze: 'haed' names no part of the model; its layers are conv1d_0, dense_2", "\(error)")
        }
    }

    @Test func stagesAreReadOverTrainAndResolvedWithTheirNames() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("s.yaml", minimalModel + """
            train: {epochs: 7, batch_size: 16, optimizer: {type: adam, lr: 1.0e-3}, init_from: a.safetensors}
            stages:
              - {name: head, epochs: 2, freeze: [backbone]}
              - {optimizer: {lr: 1.0e-4}, init_form: b}
              - {name: head}
            """)
        #expect(diagnostics(path) == [
            "\(path):8:31: unknown key 'init_form' in stages.1 (did you mean 'init_from'?)",
            "\(path):9:12: stages.2.name 'head' names an earlier stage too",
        ])
        let ok = try scratch.write("ok.yaml", minimalModel + """
            train: {epochs: 7, batch_size: 16, optimizer: {type: adam, lr: 1.0e-3}, init_from: a.safetensors}
            stages:
              - {name: head, epochs: 2, freeze: [backbone]}
              - {optimizer: {lr: 1.0e-4}}
            """)
        let config = try ExperimentConfig.load(path: ok, dataDirectory: nil)
        #expect(config.stages.map(\.name) == ["head", "stage2"])
        #expect(config.stages[0].train.epochs == 2 && config.stages[0].train.batchSize == 16 && config.stages[0].train.freeze == ["backbone"])
        #expect(config.stages[1].train.epochs == 7 && config.stages[1].train.optimizer.lr == 1e-4)
        // init_from belongs to the experiment's start, not to every stage.
        #expect(config.stages.allSatisfy { $0.train.initFrom == nil })
        #expect(config.resolvedYAML.contains("stages:\n- name: head\n  epochs: 2\n  batch_size: 16\n"), "\(config.resolvedYAML)")
        let plain = try scratch.write("p.yaml", minimalModel)
        #expect(!(try ExperimentConfig.load(path: plain, dataDirectory: nil).resolvedYAML.contains("stages")))
    }

    /// A stage that names another loss (or optimizer) type does not inherit the other entry's options: the resolved
    /// config of a SimCLR stage under a cross-entropy `train` (written with focal's keys) reads back. Before, every
    /// run with such a stage wrote a config.yaml that `predict` and `evaluate` refused ("unknown key 'gamma'").
    @Test func aStageOfAnotherLossTypeDoesNotInheritTheOtherEntrysOptions() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("s.yaml", minimalModel + """
            train: {loss: {type: focal, gamma: 1.5}, optimizer: {type: sgd, lr: 0.1, momentum: 0.9}}
            stages:
              - {name: a, loss: {type: cross_entropy}, optimizer: {type: adam}}
              - {name: b, optimizer: {lr: 0.01}}
            """)
        #expect(diagnostics(path) == [])
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        #expect(config.stages[0].train.loss.entry.name == "cross_entropy" && config.stages[0].train.optimizer.lr == 1e-3)
        #expect(config.stages[1].train.optimizer.lr == 0.01 && config.stages[1].train.loss.entry.name == "focal")
        let again = try ExperimentConfig.parse(yaml: config.resolvedYAML, file: "resolved.yaml", dataDirectory: nil)
        #expect(again == config && again.resolvedYAML == config.resolvedYAML)
    }
}

