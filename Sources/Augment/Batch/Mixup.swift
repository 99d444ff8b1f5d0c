/// Mixup (Zhang et al. 2018) over a batch: one λ ~ Beta(alpha, alpha) per batch, and every sample i
/// becomes λ·xᵢ + (1 − λ)·x_π(i) for a uniformly random permutation π, labels likewise. With one-hot or
/// soft labels whose rows sum to 1 the mixed rows still sum to 1.
public struct Mixup: Sendable {
    /// Beta concentration; small values (0.2) keep most λ near 0 or 1, alpha = 1 is uniform.
    public let alpha: Double
    /// Probability that a batch is mixed.
    public let probability: Double

    /// Mixup with λ ~ Beta(alpha, alpha), applied to a batch with probability `p`.
    public init(alpha: Double, p: Double = 1) throws {
        guard alpha.isFinite, alpha > 0 else { throw AugmentError("mixup: alpha must be > 0, got \(alpha)") }
        try AugmentError.checkProbability(p, "mixup")
        self.alpha = alpha
        self.probability = p
    }

    /// One batch's draw: the gate, the partner of each sample and λ (identity and 1 when skipped).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The weight of each sample's own content.
        public let lambda: Double
        /// `permutation[i]` is the partner mixed into sample i.
        public let permutation: [Int]
        /// A draw to replay.
        public init(applied: Bool, lambda: Double, permutation: [Int]) {
            self.applied = applied
            self.lambda = lambda
            self.permutation = permutation
        }
        /// One-line summary for logs.
        public var description: String { applied ? "mixup λ=\(lambda) π=\(permutation)" : "mixup skipped" }
    }

    /// Draws, in this order: the gate (one `next()`), the permutation by Fisher–Yates (batch − 1 draws),
    /// then λ (a variable number: gamma rejection sampling). The permutation's draws come first so they do
    /// not depend on how many λ took.
    public func draw(batch: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        var perm = Array(0..<batch)
        if batch > 1 {
            for i in stride(from: batch - 1, to: 0, by: -1) {
                perm.swapAt(i, UniformDraw.integer(in: 0...i, &g))
            }
        }
        guard fire else { return Draw(applied: false, lambda: 1, permutation: Array(0..<batch)) }
        let lambda = DistributionDraw.beta(alpha, alpha, &g)
        return Draw(applied: true, lambda: lambda, permutation: perm)
    }

    /// Mixes `features` (batch × featureSize) and `labels` (batch × classes), row-major, in place; the
    /// batch size is `draw.permutation.count` and each buffer must divide evenly by it.
    public func apply(_ draw: Draw, features: inout [Float], labels: inout [Float]) {
        let batch = draw.permutation.count
        guard batch > 0 else { return }
        precondition(features.count % batch == 0, "mixup: \(features.count) feature values do not split into \(batch) rows")
        precondition(labels.count % batch == 0, "mixup: \(labels.count) label values do not split into \(batch) rows")
        guard draw.applied else { return }
        Self.mixRows(&features, width: features.count / batch, lambda: draw.lambda, permutation: draw.permutation)
        Self.mixRows(&labels, width: labels.count / batch, lambda: draw.lambda, permutation: draw.permutation)
    }

    /// Draws for a batch of `batch` rows and mixes features and labels in place; returns λ and π for logs.
    @discardableResult
    public func apply(features: inout [Float], labels: inout [Float], batch: Int,
                      using g: inout some RandomNumberGenerator) -> Draw {
        let d = draw(batch: batch, using: &g)
        apply(d, features: &features, labels: &labels)
        return d
    }

    private static func mixRows(_ x: inout [Float], width: Int, lambda: Double, permutation: [Int]) {
        let original = x
        let a = Float(lambda)
        let b = Float(1 - lambda)
        original.withUnsafeBufferPointer { src in
            x.withUnsafeMutableBufferPointer { dst in
                for (i, j) in permutation.enumerated() {
                    for c in 0..<width { dst[i * width + c] = a * src[i * width + c] + b * src[j * width + c] }
                }
            }
        }
    }
}
