import Foundation
import TensorCore

/// Weight initialisers with Keras 3 names and formulas.
public enum Initializer: String, Sendable, CaseIterable {
    /// U(-l, l), l = sqrt(6 / (fan_in + fan_out)) — the Keras kernel default.
    case glorotUniform = "glorot_uniform"
    /// Truncated normal (±2σ), σ = sqrt(2 / (fan_in + fan_out)) / 0.8796.
    case glorotNormal = "glorot_normal"
    /// Truncated normal (±2σ), σ = sqrt(2 / fan_in) / 0.8796.
    case heNormal = "he_normal"
    /// U(-l, l), l = sqrt(6 / fan_in).
    case heUniform = "he_uniform"
    /// N(0, 0.05²) (Keras RandomNormal defaults).
    case normal = "random_normal"
    /// U(-0.05, 0.05) (Keras RandomUniform defaults; the Embedding default).
    case uniform = "random_uniform"
    /// An orthogonal matrix from the QR of a normal matrix (the Keras recurrent-kernel default).
    case orthogonal = "orthogonal"
    /// All zeros (biases, beta, moving mean).
    case zeros = "zeros"
    /// All ones (gamma, moving variance).
    case ones = "ones"

    /// Keras `compute_fans`: rank 1 → (n, n); rank 2 → (rows, cols); higher ranks multiply the last two
    /// by the receptive field (the product of the leading dimensions).
    public static func fans(_ shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let receptive = shape.dropLast(2).reduce(1, *)
            return (shape[shape.count - 2] * receptive, shape[shape.count - 1] * receptive)
        }
    }

    /// Fills `tensor` in place from `rng`.
    public func fill(_ tensor: Tensor, rng: inout RNG) {
        let (fanIn, fanOut) = Initializer.fans(tensor.shape)
        tensor.withUnsafeMutableBufferPointer { p in
            switch self {
            case .zeros: p.update(repeating: 0)
            case .ones: p.update(repeating: 1)
            case .glorotUniform: Self.uniform(p, limit: (6 / Float(max(fanIn + fanOut, 1))).squareRoot(), &rng)
            case .heUniform: Self.uniform(p, limit: (6 / Float(max(fanIn, 1))).squareRoot(), &rng)
            case .uniform: Self.uniform(p, limit: 0.05, &rng)
            case .glorotNormal: Self.truncated(p, std: (2 / Float(max(fanIn + fanOut, 1))).squareRoot() / 0.879_625_66, &rng)
            case .heNormal: Self.truncated(p, std: (2 / Float(max(fanIn, 1))).squareRoot() / 0.879_625_66, &rng)
            case .normal: for i in p.indices { p[i] = 0.05 * rng.normal() }
            case .orthogonal: Self.orthogonal(p, shape: tensor.shape, &rng)
            }
        }
    }

    private static func uniform(_ p: UnsafeMutableBufferPointer<Float>, limit: Float, _ rng: inout RNG) {
        for i in p.indices { p[i] = rng.uniform(-limit, limit) }
    }

    /// Normal truncated at two standard deviations by redrawing, as Keras's TruncatedNormal.
    private static func truncated(_ p: UnsafeMutableBufferPointer<Float>, std: Float, _ rng: inout RNG) {
        for i in p.indices {
            var z = rng.normal()
            while abs(z) > 2 { z = rng.normal() }
            p[i] = std * z
        }
    }

    /// Rows = product of leading dims, cols = last dim; orthonormal columns (or rows, if fewer) by Gram–Schmidt,
    /// which equals QR with R's diagonal made positive (Keras multiplies Q by sign(diag R)).
    private static func orthogonal(_ p: UnsafeMutableBufferPointer<Float>, shape: [Int], _ rng: inout RNG) {
        guard let cols = shape.last, cols > 0 else { return }
        let rows = p.count / cols
        let tall = rows >= cols
        let (m, n) = tall ? (rows, cols) : (cols, rows)  // orthonormalise n vectors of length m
        var a = (0..<(m * n)).map { _ in Double(rng.normal()) }  // column j at a[j*m ..< (j+1)*m]
        for j in 0..<n {
            for k in 0..<j {
                var dot = 0.0
                for i in 0..<m { dot += a[j * m + i] * a[k * m + i] }
                for i in 0..<m { a[j * m + i] -= dot * a[k * m + i] }
            }
            var norm = 0.0
            for i in 0..<m { norm += a[j * m + i] * a[j * m + i] }
            norm = norm.squareRoot()
            for i in 0..<m { a[j * m + i] /= max(norm, 1e-12) }
        }
        for r in 0..<rows {
            for c in 0..<cols { p[r * cols + c] = Float(tall ? a[c * m + r] : a[r * m + c]) }
        }
    }
}

extension LayerOption where Value == Initializer {
    /// An initialiser option by Keras name (`normal` and `uniform` accepted as aliases).
    public static func initializer(_ key: String, default d: Initializer) -> Self {
        .choice(key, default: d, aliases: ["normal": .normal, "uniform": .uniform], listedAs: "initializer")
    }

    /// `kernel_initializer`, glorot_uniform by default.
    public static var kernelInitializer: Self { initializer("kernel_initializer", default: .glorotUniform) }
    /// `bias_initializer`, zeros by default.
    public static var biasInitializer: Self { initializer("bias_initializer", default: .zeros) }
}
