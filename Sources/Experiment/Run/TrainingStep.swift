import Foundation

/// Step 3 of a run: class weights, the trainer, and training with per-epoch checkpoints under
/// `runs/.checkpoints/<run>` (resumable; removed once the run folder is committed).
struct TrainingStep {
    let trainer: Trainer
    let outcome: TrainingOutcome
    let checkpoints: URL

    static func run(_ config: ExperimentConfig, model: BuiltModel, data: RunData, inputs: TrainingInputs, folderName: String,
                    options: ExperimentRunner.Options, report: (ExperimentRunner.Event) -> Void) throws -> TrainingStep {
        let trainer = trainer(config, model: model, classes: data.classes, inputs: inputs, seed: UInt64(config.seed))
        let checkpoints = options.runsDirectory.appendingPathComponent(".checkpoints").appendingPathComponent(folderName)
        // The training clips' content belongs to the fingerprint: a checkpoint made on other data must not be resumed.
        let fingerprint = sha256(config.resolvedYAML + "\n" + options.toolVersion + "\n" + data.hashes.joined(separator: "\n"))
        let outcome = try trainer.fit(train: inputs.train, validation: inputs.validation, checkpointDirectory: checkpoints,
                                      resume: options.resume, fingerprint: fingerprint) { report(.training($0)) }
        return TrainingStep(trainer: trainer, outcome: outcome, checkpoints: checkpoints)
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
