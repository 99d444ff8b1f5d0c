/// The keys of one config mapping, in resolved-YAML order, and the checks that span several of them.
public struct ConfigSchema<Root> {
    let keys: [ConfigKey<Root>]
    /// Runs after every key is read, with the values read (or defaulted).
    let check: (Root, ConfigReader) -> Void

    init(_ keys: [ConfigKey<Root>], check: @escaping (Root, ConfigReader) -> Void = { _, _ in }) {
        self.keys = keys
        self.check = check
    }

    /// Every YAML key, in order.
    var names: [String] { keys.flatMap(\.names) }

    /// Reads every key into `root`, which holds the defaults, then runs the checks; with `finish`, also reports
    /// keys this schema does not know (without, the caller's mapping has more keys and finishes it).
    func read(_ r: ConfigReader, into root: inout Root, finish: Bool = true) {
        for key in keys { key.read(r, &root) }
        if finish { r.finish() }
        check(root, r)
    }

    /// The resolved pairs of `root`, in schema order.
    func pairs(_ root: Root) -> [(String, YAMLValue)] { keys.flatMap { $0.write(root) } }

    /// `root` as a resolved mapping.
    func resolved(_ root: Root) -> YAMLValue { Resolved.map(pairs(root)) }

    /// The docs rows, defaults taken from `defaults`.
    func rows(_ defaults: Root) -> [ConfigKeyRow] { keys.flatMap { $0.rows(defaults) } }
}
