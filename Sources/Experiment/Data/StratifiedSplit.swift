import TensorCore

/// Splits sample indices into train and validation, or into k folds, class by class, keeping duplicate groups
/// together.
public enum StratifiedSplit {
    /// Why a split cannot be made.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// One-line explanation naming the class.
        public let description: String
    }

    /// Returns (train, validation) indices into `labels`, each sorted.
    ///
    /// Per class, the groups (identical `groups` keys, e.g. content hashes of byte-identical clips) are shuffled
    /// with a stream of `seed` and whole groups go to validation until it holds round(fraction · n) clips, so a
    /// duplicate never sits on both sides. Every class keeps at least one training and one validation clip.
    public static func split(labels: [Int], groups: [String], classes: [String], fraction: Double,
                             seed: UInt64) throws -> (train: [Int], validation: [Int]) {
        precondition(labels.count == groups.count, "one group key per sample")
        guard fraction > 0 else { return (Array(labels.indices), []) }
        var train: [Int] = [], validation: [Int] = []
        for (c, name) in classes.enumerated() {
            let (members, keys, byKey) = groupsOf(class: c, labels: labels, groups: groups)
            guard keys.count >= 2 else {
                throw Failure(description: "class '\(name)' has \(members.count) clip(s) in \(keys.count) distinct group(s); a validation split needs at least 2 distinct clips per class")
            }
            var rng = RNG(seed: seed, stream: [0x5B1F, UInt64(c)])
            let order = rng.permutation(keys.count).map { keys[$0] }
            let want = max(1, Int((fraction * Double(members.count)).rounded()))
            var taken = 0
            for (j, key) in order.enumerated() {
                let group = byKey[key]!
                // Always leave at least one group for training.
                if taken < want && j < order.count - 1 {
                    validation += group
                    taken += group.count
                } else {
                    train += group
                }
            }
        }
        return (train.sorted(), validation.sorted())
    }

    /// Returns `k` folds of indices into `labels`, each sorted; every index is in exactly one.
    ///
    /// Per class, the groups are shuffled with a stream of `seed`, then placed largest first, each into the fold
    /// holding the fewest clips of the class (ties: the fewest clips overall, then the lowest fold). So a class's
    /// counts per fold differ by at most its largest group, and a duplicate is never held out and trained on at
    /// once. A group key met again in a later class (the same bytes filed under two classes) goes to the fold it
    /// already has, which may unbalance that class beyond the bound. Every class needs at least `k` groups, so
    /// that every fold holds it out.
    public static func folds(labels: [Int], groups: [String], classes: [String], k: Int,
                             seed: UInt64) throws -> [[Int]] {
        precondition(labels.count == groups.count, "one group key per sample")
        precondition(k >= 2, "k-fold needs at least 2 folds")
        var folds = [[Int]](repeating: [], count: k)
        var foldOfKey: [String: Int] = [:]
        for (c, name) in classes.enumerated() {
            let (members, keys, byKey) = groupsOf(class: c, labels: labels, groups: groups)
            guard keys.count >= k else {
                throw Failure(description: "class '\(name)' has \(members.count) clip(s) in \(keys.count) distinct group(s); \(k)-fold cross-validation needs at least \(k) distinct clips per class (lower evaluate.cross_validation.folds)")
            }
            var inClass = [Int](repeating: 0, count: k)
            func place(_ key: String, in f: Int) {
                folds[f] += byKey[key]!
                inClass[f] += byKey[key]!.count
                foldOfKey[key] = f
            }
            for key in keys { if let f = foldOfKey[key] { place(key, in: f) } }
            var rng = RNG(seed: seed, stream: [StreamPurpose.crossValidationFolds.rawValue, UInt64(c)])
            let shuffled = rng.permutation(keys.count).map { keys[$0] }.filter { foldOfKey[$0] == nil }
            // Largest first; groups of one size keep their shuffled order.
            let order = shuffled.indices.sorted { a, b in
                let (x, y) = (byKey[shuffled[a]]!.count, byKey[shuffled[b]]!.count)
                return x != y ? x > y : a < b
            }.map { shuffled[$0] }
            for key in order {
                place(key, in: (0..<k).min { (inClass[$0], folds[$0].count, $0) < (inClass[$1], folds[$1].count, $1) }!)
            }
        }
        return folds.map { $0.sorted() }
    }

    /// The samples of class `c`, its group keys in first-seen order, and each key's samples.
    private static func groupsOf(class c: Int, labels: [Int], groups: [String]) -> ([Int], [String], [String: [Int]]) {
        let members = labels.indices.filter { labels[$0] == c }
        var keys: [String] = []
        var byKey: [String: [Int]] = [:]
        for i in members {
            if byKey[groups[i]] == nil { keys.append(groups[i]) }
            byKey[groups[i], default: []].append(i)
        }
        return (members, keys, byKey)
    }
}
