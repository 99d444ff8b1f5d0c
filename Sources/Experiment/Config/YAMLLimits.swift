import CYaml

/// Refuses YAML that would cost far more to load than its length suggests, before Yams builds a tree of it:
/// aliases let a few hundred bytes stand for a billion values (the "billion laughs"), and Yams both hashes
/// aliased mapping keys and hands every alias back as a full copy that `YAMLReading` walks. One pass over
/// libyaml's events counts anchors, aliases and the values the document expands to; a document within the limits
/// is then composed as before. An experiment file has a few hundred values and no reason to come near them.
enum YAMLLimits {
    /// Anchors (`&name`) one document may define.
    static let maxAnchors = 1_000
    /// Aliases (`*name`) one document may use.
    static let maxAliases = 1_000
    /// Values (scalars, lists, mappings) a document may expand to once every alias is replaced by its anchor's value.
    static let maxValues = 100_000
    /// Lists and mappings open inside one another; libyaml stops at 1000 with a message naming its C API.
    static let maxDepth = 100

    /// Why `text` is refused and where, or nil when it is within the limits. A syntax error stops the count
    /// quietly: Yams reports it next, in its own words.
    static func check(_ text: String) -> (line: Int, column: Int, reason: String)? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var count = Count()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml's own depth limit (1000) names its C API; say it as the check below does.
                    guard let problem = parser.problem, String(cString: problem).contains("nesting level") else { return nil }
                    return (Int(parser.problem_mark.line) + 1, Int(parser.problem_mark.column) + 1, Count.tooDeep)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let reason = count.take(event) {
                    return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1, reason)
                }
            }
        }
    }

    /// The running count over one stream's events.
    private struct Count {
        static let tooDeep = "YAML nested deeper than \(maxDepth) levels; soundlab refuses the file"
        /// Expanded size of each anchor's value, by name (a later anchor of the same name replaces it, as in YAML).
        var anchorValues: [String: Int] = [:]
        var anchors = 0, aliases = 0
        /// Per open list or mapping: its anchor and the values in it so far (itself included).
        var open: [(anchor: String?, values: Int)] = []
        /// Values of the documents finished so far plus the open ones'.
        var total = 0

        mutating func take(_ event: yaml_event_t) -> String? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                return add(1, anchor: name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                aliases += 1
                if aliases > maxAliases { return "more than \(maxAliases) YAML aliases (*name); soundlab refuses the file" }
                return add(name(event.data.alias.anchor).flatMap { anchorValues[$0] } ?? 1, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                return push(name(event.data.sequence_start.anchor))
            case YAML_MAPPING_START_EVENT:
                return push(name(event.data.mapping_start.anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let done = open.popLast() else { return nil }
                if let anchor = done.anchor { anchorValues[anchor] = done.values }
                if var parent = open.popLast() {
                    parent.values = min(parent.values + done.values, maxValues + 1)
                    open.append(parent)
                }
                return nil
            default:
                return nil
            }
        }

        private mutating func push(_ anchor: String?) -> String? {
            if let refusal = noteAnchor(anchor) { return refusal }
            open.append((anchor, 1))
            if open.count > maxDepth { return Self.tooDeep }
            return grow(1)
        }

        private mutating func add(_ values: Int, anchor: String?) -> String? {
            if let refusal = noteAnchor(anchor) { return refusal }
            if let anchor { anchorValues[anchor] = values }
            if var parent = open.popLast() {
                parent.values = min(parent.values + values, maxValues + 1)
                open.append(parent)
            }
            return grow(values)
        }

        private mutating func noteAnchor(_ anchor: String?) -> String? {
            guard anchor != nil else { return nil }
            anchors += 1
            return anchors > maxAnchors ? "more than \(maxAnchors) YAML anchors (&name); soundlab refuses the file" : nil
        }

        private mutating func grow(_ values: Int) -> String? {
            total = min(total + values, maxValues + 1)
            guard total > maxValues else { return nil }
            return aliases > 0
                ? "YAML aliases expand this file past \(maxValues) values (an alias bomb?); soundlab refuses it"
                : "more than \(maxValues) YAML values; soundlab refuses the file"
        }

        private func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
