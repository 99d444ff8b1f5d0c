import TensorCore

/// Class weights and epoch orderings for imbalanced data.
public enum ClassBalance {
    /// sklearn's "balanced" weights: n_samples / (n_classes · count_c); a class with no samples gets 0.
    public static func balancedWeights(labels: [Int], classCount: Int) -> [Float] {
        var counts = [Int](repeating: 0, count: classCount)
        for l in labels { counts[l] += 1 }
        return counts.map { $0 > 0 ? Float(labels.count) / Float(classCount * $0) : 0 }
    }

    /// The sample order for one epoch.
    /// - `shuffle`: a permutation of all samples.
    /// - `balanced`: as many draws as samples, each class equally likely, samples drawn with replacement.
    /// - `oversample`: every class repeated (cyclically, reshuffled) up to the largest class's count.
    public static func epochOrder(labels: [Int], classCount: Int, sampler: Sampler, rng: inout RNG) -> [Int] {
        switch sampler {
        case .shuffle:
            return rng.permutation(labels.count).map { $0 }
        case .balanced:
            let byClass = members(labels, classCount).filter { !$0.isEmpty }
            return (0..<labels.count).map { _ in
                let members = byClass[rng.below(byClass.count)]
                return members[rng.below(members.count)]
            }
        case .oversample:
            let byClass = members(labels, classCount).filter { !$0.isEmpty }
            let target = byClass.map(\.count).max() ?? 0
            var all: [Int] = []
            for m in byClass {
                var drawn: [Int] = []
                while drawn.count < target { drawn += rng.permutation(m.count).map { m[$0] } }
                all += drawn.prefix(target)
            }
            return rng.permutation(all.count).map { all[$0] }
        }
    }

    private static func members(_ labels: [Int], _ k: Int) -> [[Int]] {
        var m = [[Int]](repeating: [], count: k)
        for (i, l) in labels.enumerated() { m[l].append(i) }
        return m
    }
}
