import TensorCore

/// Softmax cross-entropy computed from logits in one stable log-softmax (Keras
/// `CategoricalCrossentropy(from_logits=True)` with reduction `sum_over_batch_size`).
///
/// Targets are rows of class probabilities [N, C]: one-hot, or soft (mixup). With label smoothing ε the target
/// becomes t·(1 − ε) + ε/C. With class weights w the sample weight is Σ_c t_c·w_c (w[label] for one-hot targets,
/// the mixture of the two classes' weights for mixup), and, as Keras's `fit(class_weight=)`, the weighted sum is
/// divided by N, not by Σ weights.
public struct SoftmaxCrossEntropy: Sendable {
    /// Per-class weights (length C), or nil for 1.
    public var classWeights: [Float]?
    /// ε in [0, 1).
    public var labelSmoothing: Float

    /// A loss with optional class weights and label smoothing.
    public init(classWeights: [Float]? = nil, labelSmoothing: Float = 0) {
        precondition(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing must be in [0, 1), got \(labelSmoothing)")
        self.classWeights = classWeights
        self.labelSmoothing = labelSmoothing
    }

    /// Mean loss over the batch; `targets` [N, C] are probabilities (no gradient flows into them).
    public func callAsFunction(logits: Tensor, targets: Tensor) -> Tensor {
        precondition(logits.rank == 2 && targets.shape == logits.shape,
                     "cross-entropy: logits \(logits.shape) and targets \(targets.shape) must both be [N, C]")
        let (n, c) = (logits.shape[0], logits.shape[1])
        precondition(classWeights == nil || classWeights!.count == c, "cross-entropy: \(classWeights!.count) class weights for \(c) classes")
        var t = targets.scalars
        if labelSmoothing > 0 { for i in t.indices { t[i] = t[i] * (1 - labelSmoothing) + labelSmoothing / Float(c) } }
        var rowWeight = [Float](repeating: 1, count: n)
        if let w = classWeights {
            let raw = targets.scalars
            for i in 0..<n { rowWeight[i] = (0..<c).reduce(Float(0)) { $0 + raw[i * c + $1] * w[$1] } }
        }
        // Folding the sample weight and 1/N into the target gives a single elementwise product and one sum.
        for i in 0..<n { for j in 0..<c { t[i * c + j] *= -rowWeight[i] / Float(n) } }
        return (logits.logSoftmax(axis: -1) * Tensor(shape: [n, c], data: t)).sum()
    }

    /// The same with integer labels (one-hot targets).
    public func callAsFunction(logits: Tensor, labels: [Int]) -> Tensor {
        callAsFunction(logits: logits, targets: oneHot(labels, classes: logits.shape.last ?? 0))
    }
}

/// One-hot rows [N, classes] for integer labels.
public func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    var data = [Float](repeating: 0, count: labels.count * classes)
    for (i, l) in labels.enumerated() {
        precondition(l >= 0 && l < classes, "label \(l) outside 0..<\(classes)")
        data[i * classes + l] = 1
    }
    return Tensor(shape: [labels.count, classes], data: data)
}
