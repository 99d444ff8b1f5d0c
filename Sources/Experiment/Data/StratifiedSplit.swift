import TensorCore

/// Splits sample indices into train and validation, class by class, keeping duplicate groups together.
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
            let members = labels.indices.filter { labels[$0] == c }
            var keys: [String] = []
            var byKey: [String: [Int]] = [:]
            for i in members {
                if byKey[groups[i]] == nil { keys.append(groups[i]) }
                byKey[groups[i], default: []].append(i)
            }
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
}
