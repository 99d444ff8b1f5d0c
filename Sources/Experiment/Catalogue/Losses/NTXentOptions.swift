/// SimCLR's NT-Xent contrastive loss (NN's `NTXentLoss`). It compares two augmented views of each clip, which the
/// classifier trainer does not make, so validation refuses it until staged training provides them.
public struct NTXentOptions: LossEntry {
    /// Temperature of the cosine similarities.
    public var temperature = 0.5

    public static var about: EntryAbout<Self> {
        EntryAbout("ntxent", "SimCLR's NT-Xent contrastive loss over two views of each clip; refused until the trainer "
                   + "makes the second view.", Self(),
                   [.number("temperature", \.temperature, .greaterThan(0), "SimCLR uses 0.1 to 0.5")],
                   unavailable: "needs two augmented views of every clip in a batch (contrastive pre-training), which the "
                       + "trainer does not provide yet")
    }

    public func makeLosses(classWeights: [Float]?) throws -> TrainingLosses { throw UnavailableLossError(self) }
}
