import TensorCore

/// SimCLR NT-Xent: rows of `a` and `b` [N, D] are two views of the same N samples. With z = [a; b] (2N rows) and
/// s_ij = cos(z_i, z_j)/τ, each row's positive is its other view; loss = mean over the 2N rows of
/// −log(exp(s_ip) / Σ_{k≠i} exp(s_ik)).
public struct NTXentLoss: Sendable {
    /// Temperature τ.
    public var temperature: Float

    /// NT-Xent with temperature τ (SimCLR uses 0.1–0.5).
    public init(temperature: Float = 0.5) {
        precondition(temperature > 0, "NT-Xent: temperature must be positive")
        self.temperature = temperature
    }

    /// Mean loss over both views.
    public func callAsFunction(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.rank == 2 && a.shape == b.shape && a.shape[0] >= 1, "NT-Xent: views \(a.shape) and \(b.shape) must both be [N, D]")
        let n = a.shape[0], m = 2 * n
        let z = concat([a, b], axis: 0).l2Normalized(axis: -1)
        let s = matmul(z, z, transposeB: true) * (1 / temperature)
        // A large negative on the diagonal removes self-similarity from every softmax without a gather.
        var mask = [Float](repeating: 0, count: m * m), target = [Float](repeating: 0, count: m * m)
        for i in 0..<m {
            mask[i * m + i] = -1e9
            target[i * m + (i + n) % m] = -1 / Float(m)
        }
        let logp = (s + Tensor(shape: [m, m], data: mask)).logSoftmax(axis: -1)
        return (logp * Tensor(shape: [m, m], data: target)).sum()
    }
}
