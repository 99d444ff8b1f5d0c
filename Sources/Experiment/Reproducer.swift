import Foundation
import RunStore

/// `soundlab reproduce`: retrains committed runs into a scratch folder and says where they differ, so "same
/// config + seed + data = same numbers" is checked, not assumed.
public enum Reproducer {
    /// One retrained run and how it differs from the committed one (empty: reproduced to the last digit).
    public struct Result {
        public let experiment: String
        public let folderName: String
        public let differences: [String]
    }

    /// Retrains the first seed of the experiment in `path` (every seed with `allSeeds`) into `scratch` with the
    /// caller's options (cache, threads, version) and compares each with `committed/<run folder>`. Abstract bases
    /// give no results.
    public static func check(path: String, committed: URL, scratch: URL, allSeeds: Bool,
                             options: ExperimentRunner.Options,
                             report: (ExperimentRunner.Event) -> Void = { _ in }) throws -> [Result] {
        let experiment = try ExperimentConfig.load(path: path, overrides: options.overrides)
        if experiment.isAbstract { return [] }
        var results: [Result] = []
        for seed in allSeeds ? experiment.seeds : [experiment.seeds[0]] {
            let folderName = experiment.runFolderName(seed: seed)
            let target = committed.appendingPathComponent(folderName)
            guard FileManager.default.fileExists(atPath: target.appendingPathComponent(RunLayout.provenance).path) else {
                results.append(Result(experiment: experiment.name, folderName: folderName,
                                      differences: ["no committed run at \(target.path)"]))
                continue
            }
            var one = options
            one.overrides += ["seed=\(seed)"]
            one.runsDirectory = scratch.appendingPathComponent("seed\(seed)")
            one.resume = false
            one.onlyIfStale = false
            one.dryRun = false
            report(.phase("reproducing \(folderName)"))
            let outcomes = try ExperimentRunner.run(path: path, options: one, report: report)
            guard case .finished(let fresh, _)? = outcomes.first else {
                results.append(Result(experiment: experiment.name, folderName: folderName, differences: ["did not train"]))
                continue
            }
            results.append(Result(experiment: experiment.name, folderName: folderName,
                                  differences: RunReproduction.differences(committed: target, fresh: fresh)))
        }
        return results
    }
}
