/// The prototypical-network loss (NN's `PrototypicalLoss`). It classifies queries by their distance to class
/// prototypes of a support set: episodes the classifier trainer does not draw, so validation refuses it for now.
public struct PrototypicalOptions: LossEntry {
    public static var about: EntryAbout<Self> {
        EntryAbout("prototypical", "Prototypical networks: queries classified by distance to the mean embedding of each "
                   + "class's support clips; refused until the trainer draws episodes.", Self(),
                   unavailable: "needs episodes (a support and a query set of embeddings per batch), which the trainer "
                       + "does not provide yet")
    }

    public func makeLosses(classWeights: [Float]?) throws -> TrainingLosses { throw UnavailableLossError(self) }
}
