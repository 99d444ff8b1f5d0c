/// The shape a kind's resolved block had when one struct held every entry's options: every key of every entry, each
/// unused one at a fixed value. The entries of that time keep printing it, so the resolved config of every existing
/// run stays byte-identical (the runner compares resolved configs to decide a run is stale); entries added since
/// print only their own options.
struct ResolvedLayout {
    /// The entries printed in this shape.
    let entries: [String]
    /// Every key in order, with the value printed when the entry has no such option.
    let keys: [(String, YAMLValue)]

    /// `own` (the entry's options) spread over the layout, unused keys at their fixed value.
    func arrange(_ own: [(String, YAMLValue)], entry: String) -> [(String, YAMLValue)] {
        guard entries.contains(entry) else { return own }
        return keys.map { key, fixed in own.first { $0.0 == key } ?? (key, fixed) }
    }

    /// Reads the keys `entry` has no option for. A resolved config writes them, so each is accepted at its fixed
    /// value; any other value belongs to another entry and is reported as such.
    func readUnused(_ r: ConfigReader, entry: String, own: [String], owners: (String) -> [String]) {
        guard entries.contains(entry) else { return }
        for (key, fixed) in keys where !own.contains(key) {
            guard let v = r.value(key), !Self.same(v, fixed) else { continue }
            r.sink.report(v.location, "\(r.field(key)) is an option of \(owners(key).joined(separator: ", ")), "
                          + "not \(entry) (only its resolved value \(ConfigDocText.inline(fixed)) is accepted here)")
        }
    }

    /// Equal values, numbers compared as numbers (`0` and `0.0`).
    private static func same(_ a: YAMLValue, _ b: YAMLValue) -> Bool {
        if let x = a.double, let y = b.double { return x == y }
        return a == b
    }
}
