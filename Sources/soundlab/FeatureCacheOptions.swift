import ArgumentParser
import Experiment
import Foundation

/// `--cache` and `--threads`, shared by the commands that compute features (run, evaluate, predict).
struct FeatureCacheOptions: ParsableArguments {
    @Option(name: .customLong("cache"), help: "Feature cache folder.")
    var cache = ".cache/features"

    @Option(help: "Worker threads for features.")
    var threads = 2

    /// Points `options` at this cache with these threads.
    func apply(to options: inout ExperimentRunner.Options) {
        options.cacheDirectory = URL(fileURLWithPath: cache)
        options.threads = threads
    }
}
