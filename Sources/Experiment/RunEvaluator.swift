import AtomicIO
import AudioFeatures
import Foundation
import NN
import RunStore

/// `soundlab evaluate`: scores a finished run on evaluation sets it was not trained with, from its own
/// `config.yaml` (features, backbone, seed), `labels.json` and `weights.safetensors`, and writes each set's
/// results into the run's `metrics/sets/<name>/` (and curves into `metrics/robustness.csv`) without touching
/// the files training wrote, so `soundlab reproduce` still compares the run with its retraining.
public enum RunEvaluator {
    /// What was scored: one summary row per single-condition set, and the curve points.
    public struct Result {
        public let run: String
        public let sets: [SummaryRow]
        public let curvePoints: [RobustnessRow]
    }

    /// Scores the run in `folder` on the sets of `specs`: each a folder of `<Class>/` subfolders (a set named
    /// after it) or a YAML file holding one set mapping or a list of them, as under `evaluate.sets`.
    /// A set already scored later under the same name is replaced only with `force`.
    public static func evaluate(runFolder folder: URL, specs: [String], options: ExperimentRunner.Options, force: Bool = false,
                                report: (ExperimentRunner.Event) -> Void = { _ in }) throws -> Result {
        let run = try Run.load(folder: folder)
        let weightsURL = folder.appendingPathComponent(RunLayout.weights)
        guard FileManager.default.fileExists(atPath: weightsURL.path) else {
            let file = "experiments/\(run.provenance.experiment).yaml"
            let named = FileManager.default.fileExists(atPath: file) ? file : "the experiment's YAML file"
            throw DataError("\(folder.path) has no \(RunLayout.weights) (weights are not committed with a run); recreate them "
                            + "exactly with `soundlab run \(named) --runs \(folder.deletingLastPathComponent().path)`: training is "
                            + "deterministic, so it writes the same numbers again (`soundlab reproduce` checks that) and the weights")
        }
        let configURL = folder.appendingPathComponent(RunLayout.config)
        let base = try ConfigFileLoader.load(text: run.config, path: configURL.path)
        let firstSet = base["evaluate"]?["sets"]?.items?.first
        var added: [YAMLValue] = []
        for spec in specs { added += try setValues(spec) }
        guard !added.isEmpty else { throw DataError("name at least one evaluation set with --set") }
        let sets = YAMLValue(.list((firstSet.map { [$0] } ?? []) + added), at: added[0].location)
        let evaluate = YAMLValue(.map([ConfigEntry(key: "sets", keyLocation: sets.location, value: sets)]), at: sets.location)
        let tree = ConfigMerge.merge(base, YAMLValue(.map([ConfigEntry(key: "evaluate", keyLocation: sets.location, value: evaluate)]),
                                                     at: sets.location))
        let config = try ExperimentConfig.resolve(tree, name: run.provenance.experiment, overrides: [], dataDirectory: ".")
        let newSets = Array(config.evaluate.sets.dropFirst(firstSet == nil ? 0 : 1))
        let existing = Set(run.summary.compactMap(\.set))
        if let clash = newSets.first(where: { existing.contains($0.name) }) {
            throw DataError("\(folder.path) already scored a set named '\(clash.name)' during training; name the new set otherwise")
        }
        let later = Set(run.sets.map(\.name)).subtracting(existing)
        if !force, let clash = newSets.first(where: { later.contains($0.name) }) {
            throw DataError("\(folder.path) already has a set named '\(clash.name)' scored by soundlab evaluate; pass --force to "
                            + "score it again (its files are replaced) or name the new set otherwise")
        }

        let model = try TrainedModel.load(folder: folder, config: config, labels: run.labels, options: options)
        let inputs = EvaluationInputs(root: URL(fileURLWithPath: config.data.root), classes: run.labels, loader: model.loader,
                                      backbone: model.backbone, seed: UInt64(config.seed), partialModel: config.data.classes != nil)
        let trainer = model.trainer
        let step = try EvaluationStep.measure(newSets, inputs: inputs, score: { trainer.evaluate($0, classNames: run.labels) }, report: report)

        let lock = try RunLock.acquire(runsDirectory: folder.deletingLastPathComponent(), name: folder.lastPathComponent) {
            report(.phase("waiting for another soundlab that is writing \(folder.lastPathComponent)"))
        }
        defer { withExtendedLifetime(lock) {} }
        let head = run.headline
        var rows: [SummaryRow] = []
        for m in step.sets {
            var row = EvaluationStep.summaryRow(m, experiment: head.experiment, named: true, parameters: head.parameters,
                                                trainSeconds: head.trainSeconds, epochsRun: head.epochsRun, seed: head.seed)
            row.set = m.set.name
            try SetResults(name: m.set.name, summary: row, report: m.metrics.report,
                           confusion: ConfusionMatrix(labels: run.labels, counts: m.metrics.confusion),
                           predictions: EvaluationStep.predictionRows(m, classes: run.labels)).write(into: folder)
            rows.append(row)
        }
        let points = step.robustnessRows
        var updated = try Run.load(folder: folder)
        if !points.isEmpty {
            let replaced = Set(points.map(\.set))
            updated.robustness = updated.robustness.filter { !replaced.contains($0.set) } + points
        }
        let calibrated = Set(step.sets.map(\.set.name))
        updated.calibration = updated.calibration.filter { !calibrated.contains($0.set) } + step.sets.flatMap(\.calibration.bins)
        try updated.writeMeasurements()
        return Result(run: folder.lastPathComponent, sets: rows, curvePoints: points)
    }

    /// The set mappings one `--set` names.
    private static func setValues(_ spec: String) throws -> [YAMLValue] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory) else {
            throw DataError("--set \(spec): no such file or folder (a folder of <Class>/ subfolders, or a YAML file of sets)")
        }
        if isDirectory.boolValue {
            let absolute = URL(fileURLWithPath: spec).standardizedFileURL
            let at = SourceLocation(file: spec, line: 1, column: 1)
            return [YAMLValue(.map([ConfigEntry(key: "name", keyLocation: at, value: YAMLValue(.string(absolute.lastPathComponent), at: at)),
                                    ConfigEntry(key: "path", keyLocation: at, value: YAMLValue(.string(absolute.path), at: at))]), at: at)]
        }
        guard let text = try? String(contentsOfFile: spec, encoding: .utf8) else { throw DataError("--set \(spec): cannot read it as UTF-8 text") }
        guard let value = try YAMLReading.parse(text, file: spec) else { throw DataError("--set \(spec): the file is empty") }
        if let items = value.items { return items }
        if let sets = value["sets"]?.items { return sets }
        return [value]
    }
}
