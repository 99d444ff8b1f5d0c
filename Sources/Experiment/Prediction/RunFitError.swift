import Foundation
import RunStore

/// A run folder that cannot be used to classify clips, naming the file or setting at fault and, for missing
/// weights, the one command that recreates them.
public enum RunFitError: Error, Equatable, UserFacingError {
    /// A file of the run folder contract is not there.
    case missingFile(run: String, file: String)
    /// `weights.safetensors` is not there (weights are git-ignored); `command` rebuilds them bit-exactly.
    case missingWeights(run: String, command: String)
    /// The weights do not fit the model the run's config and labels build.
    case weightsMismatch(path: String, reason: String, classes: Int)
    /// The weights' metadata names other classes or another input shape than the run folder now gives.
    case trainedOtherwise(path: String, what: String, trained: String, now: String)
    /// Retraining the run did not give back its committed numbers, so its weights were not trusted.
    case notReproduced(run: String, difference: String)

    public var failureKind: FailureKind { .badInput }

    public var description: String {
        switch self {
        case .missingFile(let run, let file):
            return "\(run) is not a complete run folder: it has no \(file)"
        case .missingWeights(let run, let command):
            return "\(run) has no \(RunLayout.weights) (weights are not committed with a run); recreate them bit-exactly with `\(command)`"
        case .weightsMismatch(let path, let reason, let classes):
            return "\(path) does not fit the model its config.yaml builds for \(classes) classes (\(reason))"
        case .trainedOtherwise(let path, let what, let trained, let now):
            return "\(path) was trained for \(what) \(trained), the run now asks for \(now)"
        case .notReproduced(let run, let difference):
            return "retraining \(run) did not reproduce its committed metrics (\(difference)); its weights were not written"
        }
    }
}
