import Foundation

/// Normalisation and pairwise similarities for contrastive (SimCLR NT-Xent) and prototypical losses.

extension Tensor {
    /// x / √max(Σx², epsilon) along `axis` (as Keras's `l2_normalize`, whose epsilon is 1e-12).
    public func l2Normalized(axis: Int = -1, epsilon: Float = 1e-12) -> Tensor {
        let (outer, n, inner) = split(around: axis, "l2Normalized")
        let out = Tensor(uninitialized: shape)
        // 1/norm per line, kept for the backward; whether the epsilon floor was hit decides the derivative.
        var invNorm = [Float](repeating: 0, count: outer * inner)
        var floored = [Bool](repeating: false, count: outer * inner)
        let x = pointer, y = out.pointer
        var line = 0
        Tensor.alongAxis(outer, n, inner) { base, s in
            var ss: Float = 0
            for k in 0..<n { ss += x[base + k * s] * x[base + k * s] }
            floored[line] = ss < epsilon
            let inv = 1 / Swift.max(ss, epsilon).squareRoot()
            invNorm[line] = inv
            for k in 0..<n { y[base + k * s] = x[base + k * s] * inv }
            line += 1
        }
        return out.record([self]) { [unowned self, unowned out] g in
            // dx = (g − y (g·y)) / ‖x‖, or g / √epsilon where the floor holds the norm constant.
            let gi = Tensor(uninitialized: self.shape)
            let gp = g.pointer, y = out.pointer, d = gi.pointer
            var line = 0
            Tensor.alongAxis(outer, n, inner) { base, s in
                let inv = invNorm[line]
                var dot: Float = 0
                if !floored[line] { for k in 0..<n { dot += gp[base + k * s] * y[base + k * s] } }
                for k in 0..<n { d[base + k * s] = (gp[base + k * s] - y[base + k * s] * dot) * inv }
                line += 1
            }
            self.accumulate(gi)
        }
    }
}

/// Cosine similarity of every row of `a` [N, D] with every row of `b` [M, D], as [N, M].
public func cosineSimilarityMatrix(_ a: Tensor, _ b: Tensor, epsilon: Float = 1e-12) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2 && a.shape[1] == b.shape[1],
                 "cosineSimilarityMatrix: needs [N, D] and [M, D], got \(a.shape) and \(b.shape)")
    return matmul(a.l2Normalized(epsilon: epsilon), b.l2Normalized(epsilon: epsilon), transposeB: true)
}

/// ‖aᵢ − bⱼ‖² for every row of `a` [N, D] and `b` [M, D], as [N, M], computed as ‖a‖² + ‖b‖² − 2abᵀ with one sgemm.
/// Rounding can make that slightly negative for near-equal rows; such entries are clamped to 0 and pass no gradient.
public func pairwiseSquaredDistances(_ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2 && a.shape[1] == b.shape[1],
                 "pairwiseSquaredDistances: needs [N, D] and [M, D], got \(a.shape) and \(b.shape)")
    let n = a.shape[0], m = b.shape[0], d = a.shape[1]
    let out = Tensor(uninitialized: [n, m])
    let ap = a.pointer, bp = b.pointer, o = out.pointer
    let na = (0..<n).map { i in (0..<d).reduce(Float(0)) { $0 + ap[i * d + $1] * ap[i * d + $1] } }
    let nb = (0..<m).map { j in (0..<d).reduce(Float(0)) { $0 + bp[j * d + $1] * bp[j * d + $1] } }
    sgemm(false, true, n, m, d, ap, bp, o)
    for i in 0..<n {
        for j in 0..<m { o[i * m + j] = Swift.max(na[i] + nb[j] - 2 * o[i * m + j], 0) }
    }
    return out.record([a, b]) { [unowned out] g in
        // With G zeroed where clamped: dA = 2(rowsum(G) ⊙ a − G b), dB = 2(colsum(G) ⊙ b − Gᵀ a).
        let gm = Tensor(uninitialized: [n, m])
        let gp = g.pointer, gz = gm.pointer, o = out.pointer
        for k in 0..<(n * m) { gz[k] = o[k] > 0 ? gp[k] : 0 }
        if a.requiresGrad {
            let ga = Tensor(uninitialized: a.shape), dst = ga.pointer
            sgemm(false, false, n, d, m, gz, b.pointer, dst)
            for i in 0..<n {
                var rs: Float = 0
                for j in 0..<m { rs += gz[i * m + j] }
                for k in 0..<d { dst[i * d + k] = 2 * (rs * a.pointer[i * d + k] - dst[i * d + k]) }
            }
            a.accumulate(ga)
        }
        if b.requiresGrad {
            let gb = Tensor(uninitialized: b.shape), dst = gb.pointer
            sgemm(true, false, m, d, n, gz, a.pointer, dst)
            var cs = [Float](repeating: 0, count: m)
            for i in 0..<n { for j in 0..<m { cs[j] += gz[i * m + j] } }
            for j in 0..<m {
                for k in 0..<d { dst[j * d + k] = 2 * (cs[j] * b.pointer[j * d + k] - dst[j * d + k]) }
            }
            b.accumulate(gb)
        }
    }
}
