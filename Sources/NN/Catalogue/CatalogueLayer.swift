/// A layer type of the catalogue: the kinds it implements (one for most types; a pooling type has a max and an
/// average kind), each with its names, options and maker. `LayerRegistry` lists the types.
public protocol CatalogueLayer: Module {
    /// The catalogue entries this type implements.
    static var kinds: [LayerKind] { get }
}
