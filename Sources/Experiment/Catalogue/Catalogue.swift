/// One registry: every entry of one kind, in the order the docs list them. `Value` is the kind's existential
/// (`any OptimizerEntry`).
public struct Catalogue<Value> {
    /// The kind, as messages and the docs markers name it (`optimizer`).
    public let kind: String
    /// The kind in the plural, as the docs marker names its table (`optimizers`).
    public let plural: String
    let entries: [any CatalogueEntry.Type]
    /// The shape the resolved block had before per-entry options, for the entries of that time.
    let layout: ResolvedLayout?
    private let erase: (Value) -> any CatalogueEntry

    init(kind: String, plural: String, erase: @escaping (Value) -> any CatalogueEntry, _ entries: [any CatalogueEntry.Type],
         layout: ResolvedLayout? = nil) {
        // Every entry's value must be a `Value`: `value(of:)` relies on it.
        precondition(entries.allSatisfy { $0.defaults is Value }, "a \(kind) catalogue entry is not of its kind")
        self.kind = kind
        self.plural = plural
        self.entries = entries
        self.layout = layout
        self.erase = erase
    }

    /// The YAML names, in order.
    public var names: [String] { entries.map { $0.name } }

    /// The first entry's defaults: what a section holds before its `type` is read.
    var first: Value { value(of: entries[0].defaults) }

    func entry(_ value: Value) -> any CatalogueEntry { erase(value) }

    private func value(of entry: any CatalogueEntry) -> Value {
        entry as! Value  // checked for every entry in `init`
    }

    /// The entry named by `r[key]`, at its defaults; `fallback` when the key is absent (`nil`: required).
    /// A missing required or unknown name is reported (with the nearest name) and gives `nil`.
    func readName(_ r: ConfigReader, _ key: String, fallback: Value?) -> Value? {
        let list = names.joined(separator: ", ")
        guard let v = r.present(key) else {
            if fallback == nil { r.sink.report(r.location, "\(r.path) needs a \(key): one of \(list)") }
            return fallback
        }
        guard let name = v.string, let type = entries.first(where: { $0.name == name }) else {
            let hint = v.string.map { Suggestion.hint(for: $0, in: names) } ?? ""
            r.sink.report(v.location, "\(r.field(key)) must be one of \(list), got \(v)\(hint)")
            return nil
        }
        if let needs = type.unavailable { r.sink.report(v.location, "\(r.field(key)) \(name) \(needs)") }
        return value(of: type.defaults)
    }

    /// `value` with its entry's options read from `r`; for an entry printed in the old layout, the other
    /// entries' keys that layout writes are read too.
    func readOptions(_ r: ConfigReader, into value: Value) -> Value {
        let read = entry(value).reading(r)
        layout?.readUnused(r, entry: read.name, own: type(of: read).optionNames, owners: owners)
        return self.value(of: read)
    }

    /// The entries that have option `key`.
    func owners(of key: String) -> [String] {
        entries.filter { $0.optionNames.contains(key) }.map { $0.name }
    }

    /// The options of `value` as the resolved YAML writes them.
    func resolvedOptions(_ value: Value) -> [(String, YAMLValue)] {
        let e = entry(value)
        return layout?.arrange(e.optionPairs, entry: e.name) ?? e.optionPairs
    }

    /// Whether two values are the same entry with the same options.
    func same(_ a: Value, _ b: Value) -> Bool { entry(a).isSame(as: entry(b)) }
}
