/// A loss that scores no logits (NT-Xent compares two views' projections), asked for its per-logit form.
public struct UnavailableLossError: Error, CustomStringConvertible {
    /// The loss's name and why it has no per-logit form.
    public let description: String

    init<Entry: LossEntry>(_ entry: Entry) {
        description = "loss \(entry.name) \(Entry.unavailable ?? "compares two views of each clip and scores no logits")"
    }
}
