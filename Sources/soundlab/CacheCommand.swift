import ArgumentParser
import AudioFeatures
import Experiment
import Foundation

/// `soundlab cache prune`: the feature cache's housekeeping.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Look after the feature cache.",
        subcommands: [Prune.self])

    /// `soundlab cache prune [EXPERIMENT...]`: keep what the experiments can read, remove the rest.
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Remove every cached entry the given experiments cannot read, and rewrite the packs into one.",
            discussion: "An experiment can read the entries of every audio file under its data root with its "
                + "feature settings; entries of other settings, other files, older soundlab versions, duplicates "
                + "and damaged entries are removed. Do not run it while a run is filling the same cache. "
                + "Exit status 0 on success, 2 for a bad experiment file, 1 when the cache cannot be rewritten.")

        @Argument(help: "Experiment YAML files whose entries to keep (default: experiments/*.yaml).")
        var experiments: [String] = []

        @Option(name: .long, help: "Feature cache folder.")
        var cache: String = ".cache/features"

        @Flag(name: .customLong("dry-run"), help: "Report what would be kept and removed; change nothing.")
        var dryRun = false

        func run() throws {
            try reportingFailures {
                let files = experiments.isEmpty ? ExperimentFiles.inFolder("experiments") : experiments
                let items: [(urls: [URL], settings: FeatureSettings)]
                do { items = try CacheReach.items(experiments: files) } catch let error as ConfigError {
                    for diagnostic in error.diagnostics { printError(diagnostic.description) }
                    throw CLIFailure("cannot read the experiments; nothing was removed", code: Exit.badInput)
                }
                let report: CachePruneReport
                do {
                    report = try FeatureCache(directory: URL(fileURLWithPath: cache)).prune(keeping: items, dryRun: dryRun)
                } catch {
                    throw CLIFailure("\(error)", code: Exit.failure)
                }
                let verb = dryRun ? "would keep" : "kept"
                print("\(verb) \(report.keptEntries) entries (\(megabytes(report.keptBytes))) for \(items.count) experiment(s); "
                    + "\(dryRun ? "would remove" : "removed") \(report.removedEntries) (\(megabytes(report.removedBytes)))")
            }
        }

        private func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
    }
}
