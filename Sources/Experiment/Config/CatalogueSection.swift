/// A config mapping that is one catalogue entry, named by `type` with its options beside it (`train.loss`).
public protocol CatalogueSection: Equatable {
    associatedtype Entry
    /// The entry and its options.
    var entry: Entry { get set }
    /// Where `type` looks the entry up.
    static var catalogue: Catalogue<Entry> { get }
}

extension CatalogueSection {
    /// The same entry with the same options.
    public static func == (a: Self, b: Self) -> Bool { catalogue.same(a.entry, b.entry) }

    /// `type` and the entry's options.
    static var schema: ConfigSchema<Self> {
        ConfigSchema([.entryName("type", \.entry, catalogue, "options per entry below"), .entryOptions(\.entry, catalogue)])
    }
}
