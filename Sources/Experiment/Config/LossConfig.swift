/// `train.loss`: what training minimises.
public struct LossConfig: CatalogueSection, Sendable {
    /// The loss and its options.
    public var entry: any LossEntry = CrossEntropyOptions.defaults
    public static var catalogue: Catalogue<any LossEntry> { Catalogues.losses }

    /// The defaults.
    public init() {}
}
