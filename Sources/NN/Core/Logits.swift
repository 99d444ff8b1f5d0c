import TensorCore

/// Softmax fusion, in one place. Cross-entropy of softmax outputs takes log(softmax(z)), which is log(0) once a
/// probability underflows Float32 and loses precision well before; from the logits it is one stable log-softmax (`SoftmaxCrossEntropy`, Keras's `from_logits=True`). So a model whose output is a softmax is
/// trained and scored on `logits`: the same forward pass with the final softmax left out.
extension Module {
    /// Like `forward`, but stops before a final softmax (identity otherwise): through containers to the output layer,
    /// whose pre-activation is returned when its activation is softmax.
    public func logits(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        if let sequential = self as? Sequential {
            return sequential.run(inputs, context: context) { m, xs, ctx in m.logits(xs, context: ctx) }
        }
        if let network = self as? EmbeddingNetwork { return network.body.logits(inputs, context: context) }
        if let graph = self as? Graph {
            return graph.run(inputs, context: context) { m, xs, ctx in m.logits(xs, context: ctx) }
        }
        if let layer = self as? any ActivatedLayer, layer.activation == .softmax {
            return layer.preActivation(inputs, context: context)
        }
        return forward(inputs, context: context)
    }

    /// Single-input logits.
    public func logits(_ x: Tensor, context: ForwardContext) -> Tensor { logits([x], context: context) }

    /// True when `forward` ends in a softmax that `logits` leaves out.
    public var endsInSoftmax: Bool {
        if let sequential = self as? Sequential { return sequential.layers.last?.module.endsInSoftmax ?? false }
        if let network = self as? EmbeddingNetwork { return network.body.endsInSoftmax }
        if let graph = self as? Graph { return graph.outputModule.endsInSoftmax }
        return (self as? any ActivatedLayer)?.activation == .softmax
    }
}
