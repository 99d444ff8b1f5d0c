/// The layer catalogue: builds layers from configs by name, so architectures can be data (YAML) rather than
/// Swift. Everything the graph builder and the docs know about layers comes from `types`.
public enum LayerRegistry {
    /// Every catalogue entry, from every layer type in the order the docs list them. A new layer is its file plus
    /// one line here.
    public static let kinds: [LayerKind] = ([
        Dense.self,
        Conv1D.self,
        Conv2D.self,
        DepthwiseConv2D.self,
        BatchNormalization.self,
        LayerNormalization.self,
        Dropout.self,
        Pool1D.self,
        Pool2D.self,
        GlobalAveragePooling.self,
        GlobalMaxPooling.self,
        WindowPooling.self,
        NearestPrototype.self,
        Flatten.self,
        Reshape.self,
        Activation.self,
        Embedding.self,
        PositionalEmbedding.self,
        MultiHeadAttention.self,
        GRU.self,
        Bidirectional.self,
        Add.self,
        Concatenate.self,
    ] as [any CatalogueLayer.Type]).flatMap { $0.kinds }

    /// Each accepted name (YAML, Keras, aliases) → its entry; the first entry wins a clash, which a test forbids.
    private static let byName: [String: LayerKind] = Dictionary(
        kinds.flatMap { kind in kind.names.map { ($0, kind) } }, uniquingKeysWith: { first, _ in first })

    /// Every accepted type name (YAML spellings, Keras names and their aliases), sorted.
    public static let typeNames: [String] = byName.keys.sorted()

    /// The entry accepted under `name`, if any.
    public static func kind(named name: String) -> LayerKind? { byName[name] }

    /// A new, unbuilt layer for `config`; throws for unknown types and options, missing options and values outside
    /// an option's range.
    public static func make(_ config: LayerConfig) throws(LayerConfigError) -> any Module {
        guard let kind = byName[config.type] else {
            throw LayerConfigError(type: config.type, option: nil, .unknownType(known: typeNames))
        }
        return try kind.make(config)
    }
}
