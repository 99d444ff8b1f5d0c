import Foundation
import RunStore
import TensorCore

/// Step 4b of a run, when `evaluate.cross_validation` asks for it: the experiment's training recipe repeated once
/// per fold of the training clips, on the other folds, each model scored on the fold it did not see. It says how
/// much the headline number owes to the one Test split. Its draws come from streams of its own (the folds, and a
/// seed per fold for weights, order, dropout and augmentation), so the main run is the same with or without it.
struct CrossValidationStep {
    /// One row per fold, in fold order.
    let rows: [CrossValidationRow]

    /// The folds over every training clip (validation clips included, evaluation sets never), or nil when the
    /// config asks for no cross-validation. Made before any training, so a class too small for the folds is
    /// refused at once.
    static func folds(_ config: ExperimentConfig, data: RunData) throws -> [[Int]]? {
        guard let cv = config.evaluate.crossValidation else { return nil }
        return try StratifiedSplit.folds(labels: data.trainLabels, groups: data.hashes, classes: data.classes, k: cv.folds,
                                         seed: UInt64(config.seed))
    }

    /// Trains and scores one model per fold.
    static func run(_ config: ExperimentConfig, data: RunData, folds: [[Int]], options: ExperimentRunner.Options,
                    report: (ExperimentRunner.Event) -> Void) throws -> CrossValidationStep {
        var rows: [CrossValidationRow] = []
        for (f, heldOut) in folds.enumerated() {
            let name = "cross-validation fold \(f + 1)/\(folds.count)"
            report(.phase(name))
            do {
                rows.append(try fold(f, heldOut: heldOut, config: config, data: data, options: options, report: report))
            } catch is TrainingInterrupted {
                throw TrainingInterrupted(completedEpochs: 0, during: name)
            }
        }
        return CrossValidationStep(rows: rows)
    }

    /// Fold `f`: a fresh model from the fold's seed trained on the other clips (less a validation split when the
    /// config has one), scored on `heldOut`.
    private static func fold(_ f: Int, heldOut: [Int], config: ExperimentConfig, data: RunData,
                             options: ExperimentRunner.Options, report: (ExperimentRunner.Event) -> Void) throws -> CrossValidationRow {
        var seeds = RNG(seed: UInt64(config.seed), stream: [StreamPurpose.crossValidationRun.rawValue, UInt64(f)])
        let seed = seeds.next()
        let held = Set(heldOut)
        let rest = data.trainLabels.indices.filter { !held.contains($0) }
        let (train, validation) = try StratifiedSplit.split(
            labels: rest.map { data.trainLabels[$0] }, groups: rest.map { data.hashes[$0] }, classes: data.classes,
            fraction: config.data.validationFraction, seed: seed)
        let model = try GraphBuilder.build(config.model, classCount: data.classes.count, seed: seed,
                                           budget: options.memoryBudget, batchSize: config.train.batchSize)
        let inputs = try TrainingInputs.make(data, train: train.map { rest[$0] }, validation: validation.map { rest[$0] },
                                             config: config, seed: seed, threads: options.threads)
        let trainer = TrainingStep.trainer(config, model: model, classes: data.classes, inputs: inputs, seed: seed)
        _ = try trainer.fit(train: inputs.train, validation: inputs.validation) { report(.training($0)) }
        let truth = heldOut.map { data.trainLabels[$0] }
        let result = trainer.evaluate(try data.features(heldOut), classNames: data.classes)
        let calibration = Calibration(set: "fold \(f + 1)", probabilities: result.probabilities, classes: data.classes.count,
                                      truth: truth)
        return CrossValidationRow(fold: .number(f + 1), trainClips: rest.count, heldOutClips: heldOut.count,
                                  accuracy: result.metrics.accuracy, macroF1: result.metrics.macro.f1,
                                  weightedF1: result.metrics.weighted.f1, ece: calibration.ece)
    }
}
