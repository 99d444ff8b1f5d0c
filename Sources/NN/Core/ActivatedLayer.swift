import TensorCore

/// A layer whose output is `activation(preActivation(inputs))`: Dense, the convolutions and Activation. Losses
/// that fuse a final softmax run the model up to `preActivation` (see `Module.logits`).
public protocol ActivatedLayer: Module {
    /// The function applied last.
    var activation: ActivationFunction { get }
    /// The output before the activation.
    func preActivation(_ inputs: [Tensor], context: ForwardContext) -> Tensor
}
