import Foundation
import NN
import RunStore
import TensorCore

/// Step 5 of a run: the run folder, written under a temporary name and renamed into place only when complete.
enum RunRecord {
    static func write(_ config: ExperimentConfig, folderName: String, model: BuiltModel, data: RunData, training: TrainingStep,
                      evaluation: EvaluationStep, crossValidation: CrossValidationStep?, fewShot: [FewShotRow] = [], timings: inout [String: Double], started: Date,
                      options: ExperimentRunner.Options, report: (ExperimentRunner.Event) -> Void) throws -> ExperimentRunner.Outcome {
        let classes = data.classes, seed = UInt64(config.seed)
        let writer = try RunWriter(runsDirectory: options.runsDirectory, name: folderName)
        do {
            let clock = Date()
            try writer.writeConfig(config.resolvedYAML)
            try writer.writeLabels(classes)
            try writer.writeSplit(data.splitRows + evaluation.splitRows)
            let state = model.module.stateList()
            let names = WeightNames(model: config.model, paths: state.map(\.name))
            let weights = SafetensorsFile(
                tensors: state.map { SafetensorsTensor(name: names.fileName[$0.name] ?? $0.name, shape: $0.shape, values: $0.values) },
                metadata: ["experiment": config.name, "soundlab_version": options.toolVersion, "seed": "\(config.seed)",
                           "classes": classes.joined(separator: ","),
                           "input_shape": data.exampleShape.map(String.init).joined(separator: ","),
                           "architecture": YAMLWriting.emit(config.model.resolved)])
            try writer.writeWeights(try weights.encoded())
            try writer.writeHistory(training.outcome.history)
            let primary = evaluation.headline.metrics
            try writer.writeReport(primary.report)
            try writer.writeConfusion(ConfusionMatrix(labels: classes, counts: primary.confusion))
            let sets = evaluation.sets, epochs = training.outcome.history.count
            let rows = sets.map {
                EvaluationStep.summaryRow($0, experiment: config.name, named: sets.count > 1, parameters: model.module.parameterCount,
                                          trainSeconds: timings["training"] ?? 0, epochsRun: epochs, seed: seed)
            }
            for (i, (m, row)) in zip(sets, rows).enumerated() {
                var named = row
                named.set = m.set.name
                // The headline set's clips go to metrics/predictions.csv, the others' beside their set's metrics.
                try writer.writeSet(name: m.set.name, summary: named, report: m.metrics.report,
                                    confusion: ConfusionMatrix(labels: classes, counts: m.metrics.confusion),
                                    predictions: i == 0 ? [] : EvaluationStep.predictionRows(m, classes: classes))
            }
            try writer.writePredictions(EvaluationStep.predictionRows(evaluation.headline, classes: classes), labels: classes)
            try writer.writeCalibration(sets.flatMap(\.calibration.bins))
            if !evaluation.curvePoints.isEmpty { try writer.writeRobustness(evaluation.robustnessRows) }
            if let crossValidation { try writer.writeCrossValidation(folds: crossValidation.rows) }
            if !fewShot.isEmpty { try writer.writeFewShot(fewShot) }
            try writer.writeSummary(rows)
            timings["writing"] = Date().timeIntervalSince(clock)
            let provenance = RunProvenance(
                experiment: config.name, seed: seed, datasetFingerprint: sha256(data.hashes.joined(separator: "\n")),
                gitCommit: gitCommit(), soundlabVersion: options.toolVersion, openblasCore: BLAS.shared.coreName,
                numerics: ExperimentRunner.numericsRecord(),
                backbone: data.backbone.map { BackboneRecord(name: $0.config.name.rawValue, file: $0.config.file,
                                                            sha256: $0.modelSHA256, licence: BackboneConfig.licence) },
                host: ProcessInfo.processInfo.hostName, timings: timings,
                started: started, finished: Date(), parameters: model.module.parameterCount)
            let folder = try writer.commit(provenance: provenance)
            if let previous = writer.previousRun {
                report(.note("replaced the earlier run \(folder.lastPathComponent); it is kept in \(previous.path)"))
            }
            try? FileManager.default.removeItem(at: training.checkpoints)
            return .finished(folder, rows)
        } catch {
            writer.abandon()
            throw error
        }
    }
}
