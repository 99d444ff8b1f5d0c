/// The training loss stopped being a number: the run stops there instead of writing NaN weights and metrics.
public struct TrainingDiverged: Error, Equatable, CustomStringConvertible {
    public let epoch: Int
    public let batch: Int
    public let loss: Float

    public var description: String {
        "training diverged: the loss is \(loss) at epoch \(epoch), batch \(batch); lower train.optimizer.lr, add gradient "
            + "clipping or check the inputs for NaN; nothing was written"
    }
}
