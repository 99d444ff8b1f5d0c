import Augment
import AudioFeatures
import Foundation
import NN
import RunStore
import TensorCore

/// Step 4 of a run (and all of `soundlab evaluate`): the trained model scored on every configured evaluation
/// set, once per noise condition of a robustness curve, and `split.csv`'s rows for them.
struct EvaluationStep {
    /// One set scored under one condition.
    struct Measurement {
        let set: EvaluationSet
        /// The noise folder and SNR of a curve point (or of a set with a single noise condition).
        let noise: (folder: String, snrDB: Double)?
        let clips: EvaluationClips
        let result: Evaluation
        let calibration: Calibration
        /// Fraction of clips predicted as a class the set holds no clip of.
        let outOfSet: Double

        var metrics: ClassificationMetrics { result.metrics }
    }

    /// Every measurement, in set order; a curve's points in (folder, SNR) order.
    let measurements: [Measurement]
    let splitRows: [SplitRow]

    /// The headline set's measurement (the first set, which is never a curve).
    var headline: Measurement { measurements[0] }
    /// The sets measured once, in order.
    var sets: [Measurement] { measurements.filter { !$0.set.isCurve } }
    /// The points of the robustness curves.
    var curvePoints: [Measurement] { measurements.filter(\.set.isCurve) }

    static func run(_ config: ExperimentConfig, data: RunData, trainer: Trainer,
                    report: (ExperimentRunner.Event) -> Void) throws -> EvaluationStep {
        try measure(config.evaluate.sets, inputs: EvaluationInputs(data, seed: UInt64(config.seed), partialModel: config.data.classes != nil),
                    score: { trainer.evaluate($0, classNames: data.classes) }, report: report)
    }

    /// Scores `sets` with `score` (a trained model over an example source).
    static func measure(_ sets: [EvaluationSet], inputs: EvaluationInputs, score: (ExampleSource) -> Evaluation,
                        report: (ExperimentRunner.Event) -> Void) throws -> EvaluationStep {
        var measurements: [Measurement] = []
        var rows: [SplitRow] = []
        let classes = inputs.classes
        for set in sets {
            let clips = try EvaluationClips.resolve(set, root: inputs.root, classes: classes, partialModel: inputs.partialModel)
            if clips.heldClasses.count < classes.count {
                let absent = classes.filter { !clips.heldClasses.contains($0) }
                report(.note("evaluation set '\(set.name)' (\(set.path)) has no clip of \(absent.joined(separator: ", ")); "
                             + "its macro averages are over the \(clips.heldClasses.count) classes it holds, and a clip "
                             + "predicted as one of those it lacks counts as an error"))
            }
            if !clips.leftOut.isEmpty {
                report(.note("evaluation set '\(set.name)' leaves out its folder(s) \(clips.leftOut.joined(separator: ", ")) (map: null)"))
            }
            let conditions: [(folder: String, snrDB: Double)?] = set.noise.map { noise in
                noise.folders.flatMap { f in noise.snrDB.map { Optional((folder: f, snrDB: $0)) } }
            } ?? [nil]
            for noise in conditions {
                let source = try inputs.source(clips, transforms: set.transforms, noise: noise)
                let result = score(source)
                let held = Set(clips.heldClasses.compactMap { classes.firstIndex(of: $0) })
                let outside = result.predicted.filter { !held.contains($0) }.count
                measurements.append(Measurement(
                    set: set, noise: noise, clips: clips, result: result,
                    calibration: Calibration(set: set.name, probabilities: result.probabilities, classes: classes.count,
                                             truth: clips.labels),
                    outOfSet: Double(outside) / Double(max(clips.labels.count, 1))))
            }
            rows += zip(clips.files, clips.labels).map { SplitRow(file: $0, label: classes[$1], subset: set.name) }
        }
        return EvaluationStep(measurements: measurements, splitRows: rows)
    }

    /// Refuses, before any training, an evaluation set whose classes do not fit the model's (see
    /// `EvaluationClips.resolve` for what is refused).
    static func checkClasses(_ config: ExperimentConfig, classes: [String], root: URL) throws {
        for set in config.evaluate.sets {
            _ = try EvaluationClips.resolve(set, root: root, classes: classes, partialModel: config.data.classes != nil)
        }
    }

    /// The summary row of a set measured once.
    static func summaryRow(_ m: Measurement, experiment: String, named: Bool, parameters: Int, trainSeconds: Double,
                           epochsRun: Int, seed: UInt64) -> SummaryRow {
        SummaryRow(experiment: experiment, set: named ? m.set.name : nil, accuracy: m.metrics.accuracy,
                   macroF1: m.metrics.macro.f1, weightedF1: m.metrics.weighted.f1, macroPrecision: m.metrics.macro.precision,
                   macroRecall: m.metrics.macro.recall, parameters: parameters, trainSeconds: trainSeconds,
                   epochsRun: epochsRun, seed: seed, ece: m.calibration.ece, outOfSet: m.outOfSet)
    }

    /// The predictions file's rows of a set measured once: each clip (relative to the data root), its class, the
    /// predicted class and every class's probability.
    static func predictionRows(_ m: Measurement, classes: [String]) -> [PredictionRow] {
        let n = classes.count
        return m.clips.files.indices.map { i in
            PredictionRow(set: m.set.name, clip: m.clips.files[i], trueClass: classes[m.clips.labels[i]],
                          predictedClass: classes[m.result.predicted[i]],
                          probabilities: m.result.probabilities[(i * n)..<((i + 1) * n)].map(Double.init))
        }
    }

    /// `metrics/robustness.csv`'s rows.
    var robustnessRows: [RobustnessRow] {
        curvePoints.map { m in
            RobustnessRow(set: m.set.name, noise: EvaluationNoise.kind(of: m.noise!.folder), snrDB: m.noise!.snrDB,
                          accuracy: m.metrics.accuracy, macroF1: m.metrics.macro.f1, weightedF1: m.metrics.weighted.f1,
                          ece: m.calibration.ece, outOfSet: m.outOfSet, clips: m.clips.labels.count)
        }
    }
}
