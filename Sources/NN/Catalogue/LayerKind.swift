/// One entry of the layer catalogue: its names, its options, and how to make it from checked options.
/// As Keras's `get_config`/`from_config`, a made layer's `config` lists every option, and making a layer from
/// that config gives an equal one.
public struct LayerKind: Sendable {
    /// Keras class name, written in configs and dry-run tables ("MaxPooling1D").
    public let name: String
    /// The YAML spelling ("max_pool1d").
    public let yamlName: String
    /// Other Keras spellings accepted ("MaxPool1D").
    public let aliases: [String]
    /// One line for the docs' catalogue table.
    public let summary: String
    /// Every option, in the order the docs list them.
    public let options: [OptionSpec]
    private let build: @Sendable (LayerOptions) -> any Module

    /// A catalogue entry; `make` receives options already checked against `options`.
    public init(_ name: String, yaml: String, aliases: [String] = [], summary: String, options: [OptionSpec],
                make: @escaping @Sendable (LayerOptions) -> any Module) {
        self.name = name
        self.yamlName = yaml
        self.aliases = aliases
        self.summary = summary
        self.options = options
        self.build = make
    }

    /// Every name the kind is accepted under: YAML first, then Keras's.
    public var names: [String] { [yamlName, name] + aliases }

    /// Checks `options` (written under type name `type`, for messages): unknown keys, then each option in order,
    /// missing or outside its kind. Fallbacks are filled in.
    public func check(_ options: [String: ConfigValue], as type: String? = nil) throws(LayerConfigError) -> LayerOptions {
        let type = type ?? name
        let known = self.options.map(\.key)
        if let unknown = options.keys.sorted().first(where: { !known.contains($0) }) {
            throw LayerConfigError(type: type, option: unknown, .unknownOption(known: known))
        }
        var values: [String: ConfigValue] = [:]
        for spec in self.options {
            let written: ConfigValue
            switch (options[spec.key], spec.fallback) {
            case (let v?, _): written = v
            case (nil, .value(let v)): written = v
            case (nil, .derived): continue
            case (nil, .required): throw LayerConfigError(type: type, option: spec.key, .missing(spec.kind))
            }
            guard let value = spec.kind.normalize(written) else {
                throw LayerConfigError(type: type, option: spec.key, .invalid(spec.kind, got: written))
            }
            values[spec.key] = value
        }
        return LayerOptions(values: values)
    }

    /// A new, unbuilt layer from checked options.
    public func make(_ options: LayerOptions) -> any Module { build(options) }

    /// A new, unbuilt layer from `config`'s options.
    public func make(_ config: LayerConfig) throws(LayerConfigError) -> any Module {
        make(try check(config.options, as: config.type))
    }

    /// The config of a layer of this kind from its option entries (nil entries are left out).
    public func config(_ entries: (key: String, value: ConfigValue)?...) -> LayerConfig { config(entries) }

    /// The config of a layer of this kind from its option entries (nil entries are left out).
    public func config(_ entries: [(key: String, value: ConfigValue)?]) -> LayerConfig {
        LayerConfig(type: name, options: Dictionary(uniqueKeysWithValues: entries.compactMap { $0 }.map { ($0.key, $0.value) }))
    }
}
