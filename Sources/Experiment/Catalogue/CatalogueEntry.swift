/// One entry of a catalogue (an augmentation, a loss, an optimiser, a learning-rate schedule, a sampler). A value is
/// the entry's options as read; each kind's protocol adds how the entry builds its implementation.
public protocol CatalogueEntry: Sendable, Equatable {
    /// Its YAML name, what it does, its defaults and its options.
    static var about: EntryAbout<Self> { get }
}

/// What a catalogue entry is: the name YAML calls it by (`type: adam`), what it does (for the docs), its defaults,
/// and its options in resolved-YAML order with their ranges and the checks that span several of them.
public struct EntryAbout<Entry> {
    let name: String
    let summary: String
    let defaults: Entry
    let options: ConfigSchema<Entry>
    /// Why the trainer cannot use it yet (validation refuses it, saying so); `nil` when it can.
    let unavailable: String?

    init(_ name: String, _ summary: String, _ defaults: Entry, _ options: [ConfigKey<Entry>] = [],
         unavailable: String? = nil, check: @escaping (Entry, ConfigReader) -> Void = { _, _ in }) {
        self.name = name
        self.summary = summary
        self.defaults = defaults
        self.options = ConfigSchema(options, check: check)
        self.unavailable = unavailable
    }
}

extension CatalogueEntry {
    /// The YAML name.
    public static var name: String { about.name }
    /// The YAML name.
    public var name: String { Self.about.name }
    /// The defaults.
    public static var defaults: Self { about.defaults }

    static var summary: String { about.summary }
    static var unavailable: String? { about.unavailable }
    static var optionNames: [String] { about.options.names }
    static var optionRows: [ConfigKeyRow] { about.options.rows(about.defaults) }

    /// Whether `other` is this entry with the same options.
    func isSame(as other: any CatalogueEntry) -> Bool { (other as? Self) == self }

    var optionPairs: [(String, YAMLValue)] { Self.about.options.pairs(self) }

    /// This value with its options read from `r` (whose mapping also holds the catalogue's other keys).
    func reading(_ r: ConfigReader) -> Self {
        var value = self
        Self.about.options.read(r, into: &value, finish: false)
        return value
    }
}
