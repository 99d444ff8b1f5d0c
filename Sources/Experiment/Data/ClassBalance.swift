import TensorCore

/// Class weights and epoch orderings for imbalanced data.
public enum ClassBalance {
    /// sklearn's "balanced" weights: n_samples / (n_classes · count_c); a class with no samples gets 0.
    public static func balancedWeights(labels: [Int], classCount: Int) -> [Float] {
        var counts = [Int](repeating: 0, count: classCount)
        for l in labels { counts[l] += 1 }
        return counts.map { $0 > 0 ? Float(labels.count) / Float(classCount * $0) : 0 }
    }

    /// The sample order for one epoch, as `sampler` draws it.
    public static func epochOrder(labels: [Int], classCount: Int, sampler: some SamplerEntry, rng: inout RNG) -> [Int] {
        sampler.epochOrder(labels: labels, classCount: classCount, rng: &rng)
    }
}
