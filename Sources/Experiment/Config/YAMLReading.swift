import Yams

/// Turns YAML text into a `YAMLValue` tree, mapping Yams errors to `file:line:column` diagnostics.
enum YAMLReading {
    /// Parses one YAML document; an empty document gives `nil`. Every node is located in `file`.
    static func parse(_ text: String, file: String) throws(ConfigError) -> YAMLValue? {
        if let refusal = YAMLLimits.check(text) {
            throw ConfigError([ConfigDiagnostic(SourceLocation(file: file, line: refusal.line, column: refusal.column),
                                                refusal.reason)])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError([diagnostic(for: error, file: file, text: text)])
        } catch {
            throw ConfigError([ConfigDiagnostic(SourceLocation(file), "invalid YAML: \(error)")])
        }
        guard let node else { return nil }
        let sink = DiagnosticSink()
        let value = convert(node, file: file, sink: sink)
        try sink.throwIfAny()
        return value
    }

    /// Parses the value half of a `--set path=value` override; every node is located at the override itself.
    static func parseOverrideValue(_ text: String, location: SourceLocation) throws(ConfigError) -> YAMLValue {
        if let refusal = YAMLLimits.check(text) { throw ConfigError([ConfigDiagnostic(location, refusal.reason)]) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let inner = diagnostic(for: error, file: "value", text: text)
            throw ConfigError([ConfigDiagnostic(location, inner.message)])
        } catch {
            throw ConfigError([ConfigDiagnostic(location, "invalid YAML value: \(error)")])
        }
        guard let node else { return YAMLValue(.null, at: location) }
        let sink = DiagnosticSink()
        let value = relocate(convert(node, file: location.file, sink: sink), to: location)
        try sink.throwIfAny()
        return value
    }

    private static func location(_ mark: Mark?, _ file: String) -> SourceLocation {
        guard let mark else { return SourceLocation(file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private static func convert(_ node: Node, file: String, sink: DiagnosticSink) -> YAMLValue {
        let here = location(node.mark, file)
        switch node {
        case .scalar(let scalar):
            switch Resolver.default.resolveTag(of: node) {
            case .null:
                return YAMLValue(.null, at: here)
            case .bool:
                return YAMLValue(node.bool.map { .bool($0) } ?? .string(scalar.string), at: here)
            case .int:
                guard let i = node.int else {
                    sink.report(here, "integer '\(scalar.string)' is out of range")
                    return YAMLValue(.string(scalar.string), at: here)
                }
                return YAMLValue(.int(i), at: here)
            case .float:
                return YAMLValue(node.float.map { .double($0) } ?? .string(scalar.string), at: here)
            default:
                return YAMLValue(.string(scalar.string), at: here)
            }
        case .sequence(let sequence):
            return YAMLValue(.list(sequence.map { convert($0, file: file, sink: sink) }), at: here)
        case .mapping(let mapping):
            var entries: [ConfigEntry] = []
            for (key, value) in mapping {
                let keyHere = location(key.mark, file)
                guard case .scalar(let keyScalar) = key else {
                    sink.report(keyHere, "mapping keys must be plain names, not a list or mapping")
                    continue
                }
                entries.append(ConfigEntry(key: keyScalar.string, keyLocation: keyHere,
                                           value: convert(value, file: file, sink: sink)))
            }
            return YAMLValue(.map(entries), at: here)
        case .alias(let alias):
            sink.report(here, "unresolved alias '*\(alias.anchor.rawValue)'")
            return YAMLValue(.null, at: here)
        }
    }

    private static func relocate(_ value: YAMLValue, to location: SourceLocation) -> YAMLValue {
        switch value.kind {
        case .list(let items):
            return YAMLValue(.list(items.map { relocate($0, to: location) }), at: location)
        case .map(let entries):
            return YAMLValue(.map(entries.map {
                ConfigEntry(key: $0.key, keyLocation: location, value: relocate($0.value, to: location))
            }), at: location)
        default:
            return YAMLValue(value.kind, at: location)
        }
    }

    private static func diagnostic(for error: YamlError, file: String, text: String) -> ConfigDiagnostic {
        func contextSuffix(_ context: YamlError.Context?) -> String {
            guard let context else { return "" }
            return " (\(context.text) at \(context.mark.line):\(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return ConfigDiagnostic(location(mark, file), "invalid YAML: \(problem)\(contextSuffix(context))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigDiagnostic(location(context.mark, file), "duplicate key \(names) in the same mapping")
        case .reader(let problem, let offset, _, _):
            return ConfigDiagnostic(position(ofOffset: offset, in: text, file: file), "invalid YAML: \(problem)")
        default:
            return ConfigDiagnostic(SourceLocation(file), "invalid YAML: \(error)")
        }
    }

    /// Line and column of a reader error's offset (counted in Unicode scalars, as libYAML counts columns).
    private static func position(ofOffset offset: Int?, in text: String, file: String) -> SourceLocation {
        guard let offset else { return SourceLocation(file) }
        var line = 1, column = 1
        for scalar in text.unicodeScalars.prefix(offset) {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
