/// One option of a layer as the catalogue sees it: its key (the Keras argument name), the values it accepts and
/// what an absent key means. Typed access goes through `LayerOption`.
public struct OptionSpec: Sendable, Equatable {
    /// What an absent key means.
    public enum Fallback: Sendable, Equatable {
        /// The option must be written.
        case required
        /// This value (in canonical form).
        case value(ConfigValue)
        /// The layer derives it from another option; the text says how (e.g. "pool_size").
        case derived(String)
    }

    /// Keras argument name, also the YAML key.
    public let key: String
    /// The values accepted.
    public let kind: OptionKind
    /// What an absent key means.
    public let fallback: Fallback
}
