/// What tests and docs need of any registry, whatever its kind.
public protocol CatalogueListing {
    /// The kind (`optimizer`).
    var kind: String { get }
    /// The kind in the plural (`optimizers`).
    var plural: String { get }
    /// The YAML names, in order.
    var names: [String] { get }
    /// The docs table of every entry and its options.
    var docsTable: String { get }
}

extension Catalogue: CatalogueListing {
    public var docsTable: String {
        var rows: [[String]] = []
        for entry in entries {
            rows.append(["`\(entry.name)`", "", "", "", entry.summary])
            rows += entry.optionRows.map { ["", "`\($0.key)`", $0.type, "`\($0.defaultText)`", $0.note] }
        }
        return ConfigDocText.table([kind, "option", "value", "default", "notes"], rows)
    }
}
