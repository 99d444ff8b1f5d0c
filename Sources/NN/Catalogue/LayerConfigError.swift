/// A layer config the catalogue refuses, with what the graph builder needs to point at the offending YAML: the
/// option key and the values the option accepts.
public struct LayerConfigError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable {
        /// No layer has this type name; `known` lists every accepted name.
        case unknownType(known: [String])
        /// The kind has no option `option`; `known` lists its options.
        case unknownOption(known: [String])
        /// A required option is absent.
        case missing(OptionKind)
        /// The value is not one the option accepts.
        case invalid(OptionKind, got: ConfigValue)
    }

    /// The type name as written (a Keras name, a YAML name or an alias).
    public let type: String
    /// The option concerned; nil for an unknown type.
    public let option: String?
    /// What is wrong.
    public let problem: Problem

    /// An error about `option` of `type`.
    public init(type: String, option: String?, _ problem: Problem) {
        self.type = type
        self.option = option
        self.problem = problem
    }

    /// The problem without the layer's name: "units must be an integer in [1, 65536], got 0".
    public var detail: String {
        switch problem {
        case .unknownType(let known): "unknown layer type '\(type)' (known: \(known.joined(separator: ", ")))"
        case .unknownOption(let known): "unknown option '\(option ?? "")' (known: \(known.joined(separator: ", ")))"
        case .missing(let kind): "\(option ?? "") is required: \(kind.description)"
        case let .invalid(kind, got): "\(option ?? "") must be \(kind.description), got \(got)"
        }
    }

    /// "Dense: units must be an integer in [1, 65536], got 0".
    public var description: String {
        if case .unknownType = problem { return detail }
        return "\(type): \(detail)"
    }
}
