/// A loss the trainer cannot use yet, asked for by a config that skipped validation (built in code).
public struct UnavailableLossError: Error, CustomStringConvertible {
    /// The loss's name and what it needs.
    public let description: String

    /// The error for `entry`, saying what its catalogue entry says it needs.
    init<Entry: LossEntry>(_ entry: Entry) {
        description = "loss \(entry.name) \(Entry.unavailable ?? "cannot be built")"
    }
}
