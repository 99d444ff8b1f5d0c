import TensorCore

/// The loss a run trains on, and the one it reports as `val_loss` (without class weights, as Keras does).
public struct TrainingLosses {
    /// Loss of (logits, target probabilities), class weights applied.
    public let train: (Tensor, Tensor) -> Tensor
    /// The same without class weights.
    public let validation: (Tensor, Tensor) -> Tensor
}
