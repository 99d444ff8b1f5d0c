/// Everything that can go wrong reading or running a TFLite model; `description` is the sentence a user sees.
public enum TFLiteError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The bytes are not a well-formed TFLite FlatBuffer (truncated, corrupt, wrong identifier).
    case malformed(source: String, reason: String)
    /// Well-formed, but inconsistent: an index out of range, a buffer of the wrong size, a tensor never written.
    case invalidModel(source: String, reason: String)
    /// An op, op version's option or tensor type soundlab does not run; found when loading, never while running.
    case unsupported(source: String, op: String, opIndex: Int, reason: String)
    /// The inputs handed to `run` do not fit the model.
    case badInput(reason: String)
    /// A name asked for that the model has no tensor of.
    case unknownTensor(name: String)
    /// An op met values it cannot compute with (a shape that does not broadcast, an index out of range).
    case runtime(op: String, opIndex: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read TFLite model \(path): \(reason)"
        case let .malformed(source, reason): "\(source) is not a valid TFLite model: \(reason)"
        case let .invalidModel(source, reason): "\(source): inconsistent TFLite model: \(reason)"
        case let .unsupported(source, op, index, reason): "\(source): op #\(index) \(op) is not supported: \(reason)"
        case let .badInput(reason): "TFLite model input: \(reason)"
        case let .unknownTensor(name): "the TFLite model has no tensor named '\(name)'"
        case let .runtime(op, index, reason): "op #\(index) \(op): \(reason)"
        }
    }
}
