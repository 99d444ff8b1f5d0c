import Foundation

/// Reads an experiment file and everything it `extends`, merged into one tree with `extends` gone.
///
/// `name` and `abstract` describe one file, so they are never inherited from a base.
enum ConfigFileLoader {
    static let perFileKeys: Set<String> = ["name", "abstract", "extends"]

    /// Loads `path` (as written by the user) and merges its bases into it.
    static func load(path: String) throws(ConfigError) -> YAMLValue {
        let text = try read(path, at: SourceLocation(path), description: "cannot read experiment file", named: false)
        return try load(text: text, path: path, chain: [])
    }

    /// Merges the bases named in `text` (the contents of `path`) under it.
    static func load(text: String, path: String) throws(ConfigError) -> YAMLValue {
        try load(text: text, path: path, chain: [])
    }

    private static func load(text: String, path: String, chain: [(path: String, identity: String)])
        throws(ConfigError) -> YAMLValue
    {
        let chain = chain + [(path, ConfigPaths.identity(path))]
        let root = try YAMLReading.parse(text, file: path)
            ?? YAMLValue(.map([]), at: SourceLocation(file: path, line: 1, column: 1))
        guard let entries = root.entries else {
            throw ConfigError([ConfigDiagnostic(root.location,
                                                "an experiment file must be a mapping of keys, got \(root)")])
        }
        guard let extends = entries.first(where: { $0.key == "extends" }) else { return root }

        let sink = DiagnosticSink()
        var bases: [YAMLValue] = []
        switch extends.value.kind {
        case .string: bases = [extends.value]
        case .list(let items): bases = items
        case .null: break
        default: sink.report(extends.value.location, "extends must be a path or a list of paths, got \(extends.value)")
        }

        var merged: YAMLValue?
        for base in bases {
            guard let relative = base.string else {
                sink.report(base.location, "extends must be a path or a list of paths, got \(base)")
                continue
            }
            let basePath = ConfigPaths.resolve(relative, besides: path)
            let identity = ConfigPaths.identity(basePath)
            if let start = chain.firstIndex(where: { $0.identity == identity }) {
                let cycle = chain[start...].map(\.path) + [basePath]
                sink.report(base.location, "extends cycle: \(cycle.joined(separator: " -> "))")
                continue
            }
            do {
                let baseText = try read(basePath, at: base.location, description: "cannot read extended file")
                var tree = try load(text: baseText, path: basePath, chain: chain)
                tree.kind = .map((tree.entries ?? []).filter { !perFileKeys.contains($0.key) })
                merged = merged.map { ConfigMerge.merge($0, tree) } ?? tree
            } catch {
                for diagnostic in error.diagnostics { sink.report(diagnostic.location, diagnostic.message) }
            }
        }
        try sink.throwIfAny()

        let own = YAMLValue(.map(entries.filter { $0.key != "extends" }), at: root.location)
        return merged.map { ConfigMerge.merge($0, own) } ?? own
    }

    /// Experiment files are a few kilobytes; a file past this is not one, and is not read whole.
    static let maxFileBytes = 1 << 20

    /// Reads a config file; `named` puts the path in the message (for an extended file, whose diagnostic is
    /// located at the `extends` entry rather than at the file itself). Only regular files are read: `extends:
    /// /dev/zero` would never end, a FIFO would block. Text that is not UTF-8 is reported at its first bad byte.
    private static func read(_ path: String, at location: SourceLocation, description: String, named: Bool = true)
        throws(ConfigError) -> String
    {
        let subject = named ? "\(description) '\(path)'" : description
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError([ConfigDiagnostic(location, "\(subject): no such file")])
        }
        guard !isDirectory.boolValue else {
            throw ConfigError([ConfigDiagnostic(location, "\(subject): is a directory, not a YAML file")])
        }
        var st = stat()
        if stat(path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFREG else {
                throw ConfigError([ConfigDiagnostic(location, "\(subject): not a regular file")])
            }
            guard Int(st.st_size) <= maxFileBytes else {
                throw ConfigError([ConfigDiagnostic(location, "\(subject): \(st.st_size) bytes, more than the "
                    + "\(maxFileBytes / 1024) KiB an experiment file may have")])
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError([ConfigDiagnostic(location, "\(subject): permission denied")])
        }
        let bytes = [UInt8](data)
        if let bad = UTF8Validation.firstInvalidByte(bytes) {
            let (line, column) = UTF8Validation.position(ofOffset: bad, in: bytes)
            let hex = String(format: "0x%02X", bytes[bad])
            let hint = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) ? "UTF-16" : "byte \(hex)"
            throw ConfigError([ConfigDiagnostic(SourceLocation(file: path, line: line, column: column),
                                                "not UTF-8 text (\(hint)); save the file as UTF-8")])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
