/// Deep merge used by `extends` and nothing else: mappings merge key by key, anything else (lists included)
/// is replaced by the later value. Keys keep the position they first had, new keys follow.
enum ConfigMerge {
    static func merge(_ base: YAMLValue, _ over: YAMLValue) -> YAMLValue {
        guard var merged = base.entries, let overEntries = over.entries else { return over }
        for entry in overEntries {
            if let i = merged.firstIndex(where: { $0.key == entry.key }) {
                merged[i] = ConfigEntry(key: entry.key, keyLocation: entry.keyLocation,
                                        value: merge(merged[i].value, entry.value))
            } else {
                merged.append(entry)
            }
        }
        return YAMLValue(.map(merged), at: over.location)
    }
}
