import AtomicIO

/// Why `soundlab noise` wrote nothing (or stopped): one line for the user.
public struct SyntheticNoiseError: Error, CustomStringConvertible, UserFacingError {
    public let description: String
    public let failureKind: FailureKind

    init(_ description: String, kind: FailureKind = .badInput) {
        self.description = description
        self.failureKind = kind
    }

    static func unknownType(_ name: String) -> SyntheticNoiseError {
        SyntheticNoiseError("unknown noise type '\(name)'; valid types: "
            + (SyntheticNoise.typeNames + ["all"]).joined(separator: ", "))
    }

    static func write(_ error: AtomicWriteError) -> SyntheticNoiseError {
        SyntheticNoiseError(error.description, kind: .failure)
    }
}
