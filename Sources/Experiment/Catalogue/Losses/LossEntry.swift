import TensorCore

/// A loss `train.loss.type` can name.
public protocol LossEntry: CatalogueEntry {
    /// The training loss with `classWeights` (one per class), and the validation loss.
    func makeLosses(classWeights: [Float]?) throws -> TrainingLosses
}

/// The loss a run trains on, and the one it reports as `val_loss` (without class weights, as Keras does).
public struct TrainingLosses {
    /// Loss of (logits, target probabilities), class weights applied.
    public let train: (Tensor, Tensor) -> Tensor
    /// The same without class weights.
    public let validation: (Tensor, Tensor) -> Tensor
}

/// A loss the trainer cannot use yet, asked for by a config that skipped validation (built in code).
public struct UnavailableLossError: Error, CustomStringConvertible {
    /// The loss's name and what it needs.
    public let description: String

    /// The error for `entry`, saying what its catalogue entry says it needs.
    init<Entry: LossEntry>(_ entry: Entry) {
        description = "loss \(entry.name) \(Entry.unavailable ?? "cannot be built")"
    }
}

extension Catalogues {
    /// The losses.
    public static var losses: Catalogue<any LossEntry> {
        Catalogue(kind: "loss", plural: "losses", [CrossEntropyOptions.self, FocalOptions.self, NTXentOptions.self, PrototypicalOptions.self],
                  layout: ResolvedLayout(entries: ["cross_entropy", "focal"], keys: [
                      ("label_smoothing", Resolved.number(0)), ("gamma", Resolved.number(2)), ("alpha", Resolved.null),
                  ]),
                  erase: { $0 })
    }
}
