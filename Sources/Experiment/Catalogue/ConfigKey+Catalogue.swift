extension ConfigKey {
    /// Which entry of `catalogue` the value is (`type: adam`): absent keeps the default entry, or is reported
    /// when `required`. An unknown name is reported and the mapping's other keys are left unjudged.
    static func entryName<V>(_ name: String, _ path: WritableKeyPath<Root, V>, _ catalogue: Catalogue<V>,
                             required: Bool = false, _ note: String = "") -> ConfigKey {
        scalar(name, type: catalogue.names.joined(separator: " | "), note: note,
               shownDefault: required ? "required" : nil,
               read: { r, root in
                   if let v = catalogue.readName(r, name, fallback: required ? nil : root[keyPath: path]) {
                       root[keyPath: path] = v
                   } else {
                       r.abandon()
                   }
               },
               write: { Resolved.string(catalogue.entry($0[keyPath: path]).name) })
    }

    /// The chosen entry's own options, read at this level; the catalogue's table documents them.
    static func entryOptions<V>(_ path: WritableKeyPath<Root, V>, _ catalogue: Catalogue<V>) -> ConfigKey {
        ConfigKey(names: [],
                  read: { r, root in
                      guard !r.abandoned else { return }
                      root[keyPath: path] = catalogue.readOptions(r, into: root[keyPath: path])
                  },
                  write: { catalogue.resolvedOptions($0[keyPath: path]) },
                  rows: { _ in [] })
    }
}

extension ConfigKey {
    /// A key whose value is just an entry's name (`sampler: shuffle`); an unknown name is reported and the
    /// default kept.
    static func entryChoice<V>(_ name: String, _ path: WritableKeyPath<Root, V>, _ catalogue: Catalogue<V>,
                               _ note: String = "") -> ConfigKey {
        scalar(name, type: catalogue.names.joined(separator: " | "), note: note,
               read: { r, root in
                   if let v = catalogue.readName(r, name, fallback: root[keyPath: path]) { root[keyPath: path] = v }
               },
               write: { Resolved.string(catalogue.entry($0[keyPath: path]).name) })
    }
}
