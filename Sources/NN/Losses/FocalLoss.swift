import TensorCore

/// Keras `CategoricalFocalCrossentropy(from_logits=True)`: p = softmax(logits) clipped to [1e-7, 1 − 1e-7],
/// loss_i = Σ_c −α·t_c·(1 − p_c)^γ·log p_c, averaged over the batch (α is one scalar for every class, as Keras).
public struct FocalLoss: Sendable {
    /// Focusing exponent γ (Keras default 2).
    public var gamma: Float
    /// Balancing factor α (Keras default 0.25).
    public var alpha: Float

    /// A focal loss with Keras defaults.
    public init(gamma: Float = 2, alpha: Float = 0.25) {
        precondition(gamma >= 0 && alpha > 0, "focal loss: gamma >= 0 and alpha > 0")
        self.gamma = gamma
        self.alpha = alpha
    }

    /// Mean loss; `targets` [N, C] are probabilities.
    public func callAsFunction(logits: Tensor, targets: Tensor) -> Tensor {
        precondition(logits.rank == 2 && targets.shape == logits.shape,
                     "focal loss: logits \(logits.shape) and targets \(targets.shape) must both be [N, C]")
        let n = logits.shape[0]
        let p = logits.softmax(axis: -1).clamp(min: 1e-7, max: 1 - 1e-7)
        let modulating = gamma == 0 ? Tensor(shape: p.shape, repeating: 1) : (-p + 1).pow(gamma)
        let weighted = targets * (-alpha / Float(n))
        return (weighted * modulating * p.log()).sum()
    }

    /// The same with integer labels.
    public func callAsFunction(logits: Tensor, labels: [Int]) -> Tensor {
        callAsFunction(logits: logits, targets: oneHot(labels, classes: logits.shape.last ?? 0))
    }
}
