/// Where a config value was written: a file position, or a command-line override such as `--set train.epochs=5`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as the user named it, or the override text for command-line values.
    public var file: String
    /// 1-based line; 0 when the location is not inside a file (an override, or a file as a whole).
    public var line: Int
    /// 1-based column in Unicode scalars; 0 when `line` is 0.
    public var column: Int

    /// A position inside a file.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A location with no position: a whole file, or a command-line override.
    public init(_ whole: String) {
        self.init(file: whole, line: 0, column: 0)
    }

    /// `file:line:column`, or just the file (or override text) when there is no position.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }
}
