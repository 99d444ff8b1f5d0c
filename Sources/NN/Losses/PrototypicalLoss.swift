import TensorCore

/// Prototypical networks: prototype_k = mean of the support embeddings of class k; each query is classified by
/// softmax(−‖query − prototype_k‖²); loss = mean cross-entropy over the queries. Gradients reach both sets.
public struct PrototypicalLoss: Sendable {
    /// A prototypical loss.
    public init() {}

    /// Mean loss; labels are 0..<K and every class 0..<K must appear in the support set.
    public func callAsFunction(support: Tensor, supportLabels: [Int], query: Tensor, queryLabels: [Int]) -> Tensor {
        precondition(support.rank == 2 && query.rank == 2 && support.shape[1] == query.shape[1],
                     "prototypical: support \(support.shape) and query \(query.shape) must be [S, D] and [Q, D]")
        precondition(supportLabels.count == support.shape[0] && queryLabels.count == query.shape[0], "prototypical: one label per row")
        let k = (supportLabels.max() ?? -1) + 1, s = support.shape[0]
        var counts = [Float](repeating: 0, count: k)
        for l in supportLabels { counts[l] += 1 }
        precondition(counts.allSatisfy { $0 > 0 }, "prototypical: every class 0..<\(k) needs a support example")
        // Prototypes as one matmul with the class-averaging matrix A[k, s] = 1/count_k where label_s = k.
        var avg = [Float](repeating: 0, count: k * s)
        for (j, l) in supportLabels.enumerated() { avg[l * s + j] = 1 / counts[l] }
        let prototypes = matmul(Tensor(shape: [k, s], data: avg), support)
        let d = pairwiseSquaredDistances(query, prototypes)
        precondition(queryLabels.allSatisfy { $0 >= 0 && $0 < k }, "prototypical: query label outside the support classes 0..<\(k)")
        return SoftmaxCrossEntropy()(logits: -d, labels: queryLabels)
    }
}
