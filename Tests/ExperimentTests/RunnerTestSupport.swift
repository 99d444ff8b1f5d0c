import Experiment
import Foundation
import NN
import RunStore

/// Writes `text` as `file` in `data` and runs it as `soundlab run` would, runs and cache under `data`; returns
/// the run folder and its summary rows.
func runExperiment(_ text: String, in data: URL, _ file: String) throws -> (folder: URL, rows: [SummaryRow]) {
    let path = data.appendingPathComponent(file)
    try text.write(to: path, atomically: true, encoding: .utf8)
    var options = ExperimentRunner.Options()
    options.runsDirectory = data.appendingPathComponent("runs")
    options.cacheDirectory = data.appendingPathComponent("cache")
    let outcomes = try ExperimentRunner.run(path: path.path, options: options)
    guard case .finished(let folder, let rows)? = outcomes.first else { throw RunnerTestFailure(description: "no run: \(outcomes)") }
    return (folder, rows)
}

/// A run folder's weights by tensor name.
func savedWeights(_ folder: URL) throws -> [String: [Float]] {
    Dictionary(uniqueKeysWithValues: try SafetensorsFile.read(from: folder.appendingPathComponent("weights.safetensors"))
        .tensors.map { ($0.name, $0.values) })
}

/// A run folder's `metrics/history.csv`.
func savedHistory(_ folder: URL) throws -> [HistoryRow] {
    try HistoryRow.parse(csv: String(contentsOf: folder.appendingPathComponent("metrics/history.csv"), encoding: .utf8), path: "history.csv")
}

struct RunnerTestFailure: Error, CustomStringConvertible { let description: String }
