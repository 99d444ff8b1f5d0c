/// A loss `train.loss.type` can name.
public protocol LossEntry: CatalogueEntry {
    /// The training loss with `classWeights` (one per class), and the validation loss.
    func makeLosses(classWeights: [Float]?) throws -> TrainingLosses
}

extension Catalogues {
    /// The losses.
    public static var losses: Catalogue<any LossEntry> {
        Catalogue(kind: "loss", plural: "losses", erase: { $0 },
                  [CrossEntropyOptions.self, FocalOptions.self, NTXentOptions.self, PrototypicalOptions.self],
                  layout: ResolvedLayout(entries: ["cross_entropy", "focal"], keys: [
                      ("label_smoothing", Resolved.number(0)), ("gamma", Resolved.number(2)), ("alpha", Resolved.null),
                  ]))
    }
}
