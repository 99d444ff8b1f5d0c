import TensorCore

/// Gradients of `f` computed twice: once right after the forward, once after the buffer pool has been churned with
/// fresh tensors of `counts` elements filled with garbage. Equal results mean the backward reads nothing that the
/// forward let go of (a scratch buffer referenced only by a bare pointer would be handed out again and overwritten).
func gradientsSurvivePoolChurn(_ inputs: [Tensor], counts: [Int], _ f: ([Tensor]) -> Tensor) -> Bool {
    func grads(churn: Bool) -> [[Float]] {
        for x in inputs { x.setRequiresGrad(true); x.zeroGrad() }
        let y = f(inputs)
        var keep: [Tensor] = []
        if churn { for c in counts { for _ in 0..<8 { keep.append(Tensor(shape: [c], repeating: 1e6)) } } }
        y.backward(seed: Tensor(shape: y.shape, repeating: 1))
        _ = keep.count
        return inputs.map { $0.grad?.scalars ?? [] }
    }
    return grads(churn: false) == grads(churn: true)
}
