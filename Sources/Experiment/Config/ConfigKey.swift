/// One key of a config mapping, declared once: how it is read (its default is whatever the value holds before
/// reading; wrong types and ranges are reported at the value's `file:line:column`), what it writes into the
/// resolved YAML, and the docs rows that describe it.
public struct ConfigKey<Root> {
    /// The YAML keys this declaration reads and writes (several for one spliced in from elsewhere).
    let names: [String]
    let read: (ConfigReader, inout Root) -> Void
    let write: (Root) -> [(String, YAMLValue)]
    /// The docs rows, given the defaults.
    let rows: (Root) -> [ConfigKeyRow]
}

extension ConfigKey {
    /// A key holding one value, shown as one docs row whose default is what the defaults write.
    static func scalar(_ name: String, type: String, note: String, shownDefault: String? = nil,
                       read: @escaping (ConfigReader, inout Root) -> Void,
                       write: @escaping (Root) -> YAMLValue) -> ConfigKey {
        ConfigKey(names: [name], read: read, write: { [(name, write($0))] }, rows: { defaults in
            [ConfigKeyRow(key: name, type: type, defaultText: shownDefault ?? ConfigDocText.inline(write(defaults)), note: note)]
        })
    }

    /// A key read by one `ConfigReader` getter, given the key, the value before reading (the default) and the bound.
    private static func typed<V>(_ name: String, _ path: WritableKeyPath<Root, V>, _ type: String, _ note: String,
                                 read: @escaping (ConfigReader, String, V) -> V,
                                 write: @escaping (V) -> YAMLValue) -> ConfigKey {
        scalar(name, type: type, note: note, read: { r, root in root[keyPath: path] = read(r, name, root[keyPath: path]) },
               write: { write($0[keyPath: path]) })
    }

    static func int(_ name: String, _ path: WritableKeyPath<Root, Int>, _ bound: Bound? = nil, _ note: String = "") -> ConfigKey {
        typed(name, path, ConfigDocText.type("int", bound), note, read: { $0.int($1, default: $2, bound) }, write: Resolved.int)
    }

    static func optionalInt(_ name: String, _ path: WritableKeyPath<Root, Int?>, _ bound: Bound? = nil,
                            _ note: String = "") -> ConfigKey {
        typed(name, path, ConfigDocText.type("int", bound) + " or null", note,
              read: { $0.optionalInt($1, default: $2, bound) }, write: Resolved.int)
    }

    static func number(_ name: String, _ path: WritableKeyPath<Root, Double>, _ bound: Bound? = nil,
                       _ note: String = "") -> ConfigKey {
        typed(name, path, ConfigDocText.type("number", bound), note,
              read: { $0.double($1, default: $2, bound) }, write: Resolved.number)
    }

    static func optionalNumber(_ name: String, _ path: WritableKeyPath<Root, Double?>, _ bound: Bound? = nil,
                               _ note: String = "") -> ConfigKey {
        typed(name, path, ConfigDocText.type("number", bound) + " or null", note,
              read: { $0.optionalDouble($1, default: $2, bound) }, write: Resolved.number)
    }

    static func bool(_ name: String, _ path: WritableKeyPath<Root, Bool>, _ note: String = "") -> ConfigKey {
        typed(name, path, "bool", note, read: { $0.bool($1, default: $2) }, write: Resolved.bool)
    }

    /// A non-empty string; `fallback` computes the default from what was read before (`data.noise`), and
    /// `shownDefault` says so in the docs.
    static func string(_ name: String, _ path: WritableKeyPath<Root, String>, _ note: String = "",
                       fallback: ((ConfigContext) -> String)? = nil, shownDefault: String? = nil) -> ConfigKey {
        scalar(name, type: "string", note: note, shownDefault: shownDefault,
               read: { r, root in
                   root[keyPath: path] = r.string(name, default: fallback?(r.context) ?? root[keyPath: path])
               },
               write: { Resolved.string($0[keyPath: path]) })
    }

    static func choice<E: CaseIterable & RawRepresentable<String>>(_ name: String, _ path: WritableKeyPath<Root, E>,
                                                                   _ note: String = "") -> ConfigKey {
        typed(name, path, E.allCases.map(\.rawValue).joined(separator: " | "), note,
              read: { $0.choice($1, default: $2) }, write: { Resolved.string($0.rawValue) })
    }

    /// `[min, max]` with both ends within `bound`; `allowSingle` also takes one number as `[x, x]`.
    static func range(_ name: String, _ path: WritableKeyPath<Root, ClosedRange<Double>>, _ bound: Bound? = nil,
                      allowSingle: Bool = false, _ note: String = "") -> ConfigKey {
        let shape = allowSingle ? "number or [min, max]" : "[min, max]"
        return typed(name, path, bound.map { "\(shape), each \($0.text)" } ?? shape, note,
                     read: { $0.range($1, default: $2, bound, allowSingle: allowSingle) }, write: Resolved.range)
    }

    /// A non-empty list of ints, each within `bound`.
    static func intList(_ name: String, _ path: WritableKeyPath<Root, [Int]>, _ bound: Bound? = nil,
                        _ note: String = "") -> ConfigKey {
        typed(name, path, bound.map { "non-empty list of ints, each \($0.text)" } ?? "non-empty list of ints", note,
              read: { $0.intList($1, default: $2, bound) }, write: Resolved.ints)
    }

    /// A nested mapping with its own schema; its docs rows are prefixed with `name.`.
    static func section<S>(_ name: String, _ path: WritableKeyPath<Root, S>, _ schema: ConfigSchema<S>) -> ConfigKey {
        ConfigKey(names: [name],
                  read: { r, root in schema.read(r.child(name), into: &root[keyPath: path]) },
                  write: { [(name, schema.resolved($0[keyPath: path]))] },
                  rows: { defaults in
                      schema.rows(defaults[keyPath: path]).map { row in
                          var row = row
                          row.key = "\(name).\(row.key)"
                          return row
                      }
                  })
    }

    /// A nested mapping that is absent unless written (nil): read over `defaults` when present and not null, written
    /// only when set, so configs without it resolve as before it existed.
    static func optionalSection<S>(_ name: String, _ path: WritableKeyPath<Root, S?>, _ schema: ConfigSchema<S>,
                                   defaults: S, note: String) -> ConfigKey {
        ConfigKey(names: [name],
                  read: { r, root in
                      guard let v = r.present(name), !v.isNull else { return }
                      var value = root[keyPath: path] ?? defaults
                      schema.read(r.child(name), into: &value)
                      root[keyPath: path] = value
                  },
                  write: { root in root[keyPath: path].map { [(name, schema.resolved($0))] } ?? [] },
                  rows: { _ in
                      [ConfigKeyRow(key: name, type: "mapping or null", defaultText: "null", note: note)] + schema.rows(defaults).map { row in
                          var row = row
                          row.key = "\(name).\(row.key)"
                          return row
                      }
                  })
    }

    /// The keys of `schema` read at this level, as if written here (options several entries share).
    static func inline<S>(_ path: WritableKeyPath<Root, S>, _ schema: ConfigSchema<S>) -> ConfigKey {
        ConfigKey(names: schema.names,
                  read: { r, root in schema.read(r, into: &root[keyPath: path], finish: false) },
                  write: { schema.pairs($0[keyPath: path]) },
                  rows: { schema.rows($0[keyPath: path]) })
    }
}
