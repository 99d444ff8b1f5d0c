import AudioFeatures
import NN
import RunStore
import TensorCore

/// What a failure means for the person who ran soundlab; the CLI turns each into one exit code.
public enum FailureKind: Sendable {
    /// Fix your input: the config, the data, the arguments, a run folder (exit 2).
    case badInput
    /// Something failed while working (exit 1).
    case failure
    /// Stopped by Ctrl-C or SIGTERM; resumable (exit 130).
    case interrupted
}

/// An error whose description is already one line for the user, and what kind of failure it is. Every error
/// type a command can surface conforms here, so the CLI decides exit codes in one place instead of a catch chain.
public protocol UserFacingError: Error, CustomStringConvertible {
    var failureKind: FailureKind { get }
}

extension ConfigError: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension DataError: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension DatasetError: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension StratifiedSplit.Failure: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension CheckpointError: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension TrainingDiverged: UserFacingError { public var failureKind: FailureKind { .failure } }
extension TrainingInterrupted: UserFacingError { public var failureKind: FailureKind { .interrupted } }
extension AudioDecodeError: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension FeatureSettingsError: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension CachePruneError: UserFacingError { public var failureKind: FailureKind { .failure } }
extension SafetensorsError: UserFacingError {
    /// A file the system refuses to write (full disk, size limit) is a failure of the run, not of the input.
    public var failureKind: FailureKind { if case .io = reason { .failure } else { .badInput } }
}
extension ShapeError: UserFacingError { public var failureKind: FailureKind { .badInput } }
extension BLASError: UserFacingError { public var failureKind: FailureKind { .failure } }
extension RunStoreError: UserFacingError { public var failureKind: FailureKind { isBadInput ? .badInput : .failure } }
