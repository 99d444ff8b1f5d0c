import AtomicIO
import Foundation
import RunStore

/// Recreates the git-ignored weights of a committed run: training is deterministic, so retraining its resolved
/// config with its seed gives the same weights, and the committed metrics say whether it did.
enum WeightsRecovery {
    /// The one command that recreates `folder`'s weights.
    static func command(for folder: URL) -> String {
        "soundlab predict --run \(folder.relativePath) --train-missing"
    }

    /// Retrains the run in `folder` into a scratch folder, compares every committed metrics file with the fresh
    /// run's (timing aside) and only then puts the fresh weights into `folder`.
    static func retrain(_ folder: URL, config: ExperimentConfig, options: ExperimentRunner.Options,
                        report: (ExperimentRunner.Event) -> Void) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-weights-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var one = options
        one.runsDirectory = scratch
        one.resume = false
        one.onlyIfStale = false
        one.dryRun = false
        report(.phase("retraining \(folder.lastPathComponent) for its weights"))
        let outcome = try ExperimentRunner.run(resolved: config, folderName: folder.lastPathComponent, options: one, report: report)
        guard case .finished(let fresh, _) = outcome else {
            throw RunFitError.notReproduced(run: folder.relativePath, difference: "it did not train")
        }
        let differences = RunReproduction.differences(committed: folder, fresh: fresh)
        if let first = differences.first {
            let more = differences.count > 1 ? " and \(differences.count - 1) more" : ""
            throw RunFitError.notReproduced(run: folder.relativePath, difference: first + more)
        }
        let weights = try Data(contentsOf: fresh.appendingPathComponent(RunLayout.weights))
        try AtomicFile.write(weights, to: folder.appendingPathComponent(RunLayout.weights))
    }
}
