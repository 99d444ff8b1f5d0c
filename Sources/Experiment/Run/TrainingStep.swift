import Foundation
import NN
import RunStore

/// Step 3 of a run: class weights, the trainer, and training with per-epoch checkpoints under
/// `runs/.checkpoints/<run>` (resumable; removed once the run folder is committed).
struct TrainingStep {
    let trainer: Trainer
    let outcome: TrainingOutcome
    let checkpoints: URL

    static func run(_ config: ExperimentConfig, model: BuiltModel, data: RunData, inputs: TrainingInputs, folderName: String,
                    options: ExperimentRunner.Options, report: (ExperimentRunner.Event) -> Void) throws -> TrainingStep {
        let checkpoints = options.runsDirectory.appendingPathComponent(".checkpoints").appendingPathComponent(folderName)
        // The training clips' content belongs to the fingerprint: a checkpoint made on other data must not be resumed.
        let fingerprint = sha256(config.resolvedYAML + "\n" + options.toolVersion + "\n" + data.hashes.joined(separator: "\n"))
        let stages = config.stages.isEmpty ? [StageConfig(name: "", train: config.train)] : config.stages
        var history: [HistoryRow] = [], seconds = 0.0, weightsFromEpoch = 0
        var last: Trainer?
        for (i, stage) in stages.enumerated() {
            var stageConfig = config
            stageConfig.train = stage.train
            // freeze names layers either as the weights file does (conv1d_0) or by module path (0).
            let names = WeightNames(model: config.model, paths: model.module.stateList().map(\.name))
            stageConfig.train.freeze = stage.train.freeze.map(names.modulePrefix)
            let label = stage.name.isEmpty ? "" : "stage \(stage.name): "
            if let path = stage.train.initFrom {
                let kept = try InitialWeights.load(path, into: model.module, model: config.model)
                report(.phase("\(label)weights from \(path)" + (kept.isEmpty ? "" : "; \(kept.count) parameter(s) not in it keep their "
                                                               + "initial values: " + kept.prefix(4).joined(separator: ", "))))
            }
            let trainer = trainer(stageConfig, model: model, classes: data.classes, inputs: inputs, seed: UInt64(config.seed))
            if (model.module as? EmbeddingNetwork)?.prototypes != nil, inputs.train is WaveAugmentedExamples {
                trainer.cleanTraining = try data.features(data.trainIndices)
            }
            try checkFreeze(stage, model: model, names: names, field: stage.name.isEmpty ? "train.freeze" : "stages.\(i).freeze")
            if !label.isEmpty { report(.phase("\(label)\(stage.train.epochs) epochs")) }
            // One checkpoint folder per stage: --resume finds the finished stages complete (their weights reload and
            // no epoch runs) and continues inside the one that was interrupted.
            let outcome = try trainer.fit(train: inputs.train, validation: inputs.validation,
                                          checkpointDirectory: stage.name.isEmpty ? checkpoints : checkpoints.appendingPathComponent(stage.name),
                                          resume: options.resume, fingerprint: fingerprint + "|stage \(i) \(stage.name)") { report(.training($0)) }
            let offset = history.count
            history += outcome.history.map { var r = $0; r.epoch += offset; r.stage = stage.name.isEmpty ? nil : stage.name; return r }
            weightsFromEpoch = offset + outcome.weightsFromEpoch
            seconds += outcome.seconds
            last = trainer
        }
        return TrainingStep(trainer: last!, outcome: TrainingOutcome(history: history, weightsFromEpoch: weightsFromEpoch, seconds: seconds),
                            checkpoints: checkpoints)
    }

    /// A `freeze` path that names no parameter is a typo, not a request to train everything.
    private static func checkFreeze(_ stage: StageConfig, model: BuiltModel, names: WeightNames, field: String) throws {
        let paths = model.module.namedParameters().map(\.name)
        for written in stage.train.freeze {
            let path = names.modulePrefix(written)
            guard !paths.contains(where: { $0 == path || $0.hasPrefix(path + ".") }) else { continue }
            throw DataError("\(field): '\(written)' names no part of the model; its layers are \(names.layers.joined(separator: ", "))")
        }
    }

    /// A trainer with the experiment's recipe (class weights from `inputs`' training labels) whose order, dropout
    /// and mixup draws come from `seed`.
    static func trainer(_ config: ExperimentConfig, model: BuiltModel, classes: [String], inputs: TrainingInputs,
                        seed: UInt64) -> Trainer {
        let weights: [Float]?
        switch config.train.classWeights {
        case .unweighted: weights = nil
        case .balanced: weights = ClassBalance.balancedWeights(labels: inputs.train.labels, classCount: classes.count)
        case .explicit(let w): weights = classes.map { Float(w[$0] ?? 1) }
        }
        let trainer = Trainer(model: model.module, config: config.train, classCount: classes.count, seed: seed,
                              classWeights: weights, mixup: inputs.mixup)
        if let backbone = config.model.backbone, backbone.trainableBlocks > 0 {
            trainer.setup.optimizer.rateScales = [("backbone", Float(backbone.lrScale))]
        }
        return trainer
    }
}
