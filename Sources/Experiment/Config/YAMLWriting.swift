import Yams

/// Number spelling that YAML reads back as the same value and type.
enum YAMLNumber {
    /// Shortest round-tripping spelling of `value` that YAML resolves as a float (so `1.0`, never `1`).
    /// Exponents get a mantissa dot (`1.0e-07`, not `1e-07`) because YAML 1.1 readers such as PyYAML
    /// otherwise read them as strings.
    static func format(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        let text = value.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") else { return text }
        return text[..<e] + ".0" + text[e...]
    }
}

/// Turns a `YAMLValue` tree into YAML text: block mappings, lists of scalars in flow style (`[0, 20]`),
/// keys in the order they hold.
enum YAMLWriting {
    static func emit(_ value: YAMLValue) -> String {
        do {
            return try Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true)
        } catch {
            // Every node built below is a plain scalar, sequence or mapping, which libYAML always emits.
            preconditionFailure("YAML emission failed: \(error)")
        }
    }

    static func node(_ value: YAMLValue) -> Node {
        switch value.kind {
        case .null: return .scalar(Node.Scalar("null", Tag(.null)))
        case .bool(let b): return .scalar(Node.Scalar(b ? "true" : "false", Tag(.bool)))
        case .int(let i): return .scalar(Node.Scalar(String(i), Tag(.int)))
        case .double(let d): return .scalar(Node.Scalar(YAMLNumber.format(d), Tag(.float)))
        case .string(let s): return .scalar(s.represented())
        case .list(let items):
            let allScalars = items.allSatisfy { $0.items == nil && $0.entries == nil }
            return .sequence(Node.Sequence(items.map(node), Tag(.seq), allScalars && !items.isEmpty ? .flow : .block))
        case .map(let entries):
            let pairs = entries.map { (Node.scalar($0.key.represented()), node($0.value)) }
            return .mapping(Node.Mapping(pairs, Tag(.map), entries.isEmpty ? .flow : .block))
        }
    }
}
