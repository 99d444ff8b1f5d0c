/// One problem found in an experiment config, anchored where the user can fix it.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Where the offending text is.
    public var location: SourceLocation
    /// What is wrong, phrased for the user (no location prefix).
    public var message: String

    /// A diagnostic at `location`.
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}

/// Every problem found while loading a config; its description is one `file:line:column: message` line each.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, ordered by file, line and column.
    public var diagnostics: [ConfigDiagnostic]

    /// An error holding `diagnostics`, sorted so output is stable whatever order checks ran in.
    public init(_ diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics.enumerated().sorted { a, b in
            let (l, r) = (a.element.location, b.element.location)
            if l.file != r.file { return l.file < r.file }
            if l.line != r.line { return l.line < r.line }
            if l.column != r.column { return l.column < r.column }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// One line per diagnostic.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a config is read, so one run reports as many problems as it can.
final class DiagnosticSink {
    private(set) var diagnostics: [ConfigDiagnostic] = []

    func report(_ location: SourceLocation, _ message: String) {
        diagnostics.append(ConfigDiagnostic(location, message))
    }

    var isEmpty: Bool { diagnostics.isEmpty }

    func throwIfAny() throws(ConfigError) {
        if !diagnostics.isEmpty { throw ConfigError(diagnostics) }
    }
}
