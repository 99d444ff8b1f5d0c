import Foundation

/// Deterministic stratified folds for cross-validation: within each class, groups of byte-identical clips (which
/// share every recording property) are dealt to the folds in turn, in the order the clips are given, so a copy
/// never sits on both sides and every fold holds about 1/k of each class. No random draw: the same dataset always
/// gets the same folds.
public enum StratifiedFolds {
    /// The fold (0..<k) of each clip; `groups` holds a key per clip (content hash), equal for copies.
    public static func assign(labels: [Int], groups: [String], k: Int) -> [Int] {
        precondition(labels.count == groups.count && k >= 2)
        var fold = [Int](repeating: 0, count: labels.count)
        var groupFold: [Int: [String: Int]] = [:]
        var dealt: [Int: Int] = [:]
        for i in labels.indices {
            let c = labels[i]
            if let f = groupFold[c]?[groups[i]] {
                fold[i] = f
            } else {
                let f = dealt[c, default: 0] % k
                dealt[c, default: 0] += 1
                groupFold[c, default: [:]][groups[i]] = f
                fold[i] = f
            }
        }
        return fold
    }
}
