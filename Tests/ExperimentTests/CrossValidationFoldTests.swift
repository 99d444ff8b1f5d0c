import Experiment
import Testing

/// The k-fold split behind `evaluate.cross_validation`: a partition of the training clips in which byte-identical
/// clips share a fold and every class is spread as evenly as its duplicate groups allow.
@Suite struct CrossValidationFoldTests {
    /// Three classes of 23, 11 and 7 clips; class 0 holds a triple and a pair of identical clips, class 1 a pair,
    /// class 2 a pair and a clip identical to one of class 0 (the same bytes under two class folders).
    let labels = Array(repeating: 0, count: 23) + Array(repeating: 1, count: 11) + Array(repeating: 2, count: 7)
    var groups: [String] {
        var g = labels.indices.map { "clip\($0)" }
        g[1] = "clip0"; g[2] = "clip0"
        g[10] = "clip9"
        g[24] = "clip23"
        g[35] = "clip34"
        g[37] = "clip5"
        return g
    }
    let classes = ["a", "b", "c"]

    @Test func foldsPartitionTheClipsKeepDuplicatesTogetherAndSpreadEachClass() throws {
        for k in [2, 3, 5] {
            let folds = try StratifiedSplit.folds(labels: labels, groups: groups, classes: classes, k: k, seed: 42)
            #expect(folds.count == k)
            #expect(folds.flatMap { $0 }.sorted() == Array(labels.indices), "every clip in exactly one fold (k=\(k))")
            #expect(folds.allSatisfy { $0 == $0.sorted() })
            let foldOf = Dictionary(uniqueKeysWithValues: folds.enumerated().flatMap { f, members in members.map { ($0, f) } })
            let foldsOfGroup = Dictionary(grouping: labels.indices, by: { groups[$0] }).mapValues { Set($0.map { foldOf[$0]! }) }
            #expect(foldsOfGroup.values.allSatisfy { $0.count == 1 }, "a duplicate group is split (k=\(k))")
            for c in classes.indices {
                let members = labels.indices.filter { labels[$0] == c }
                let largestGroup = Dictionary(grouping: members, by: { groups[$0] }).values.map(\.count).max()!
                let counts = folds.map { $0.filter { labels[$0] == c }.count }
                #expect(counts.max()! - counts.min()! <= largestGroup, "class \(c) per fold: \(counts) (k=\(k))")
                #expect(counts.min()! >= 1, "every fold holds out class \(c): \(counts) (k=\(k))")
            }
        }
    }

    @Test func foldsAreFixedBySeed() throws {
        let a = try StratifiedSplit.folds(labels: labels, groups: groups, classes: classes, k: 5, seed: 42)
        let b = try StratifiedSplit.folds(labels: labels, groups: groups, classes: classes, k: 5, seed: 42)
        let other = try StratifiedSplit.folds(labels: labels, groups: groups, classes: classes, k: 5, seed: 7)
        #expect(a == b)
        #expect(a != other)
        #expect(Set(a) != Set(other), "another seed gives other folds, not the same folds renumbered")
    }

    /// A class with fewer distinct clips than folds would leave some fold without it: refused, naming the class.
    @Test func aClassWithFewerDistinctClipsThanFoldsIsAClearError() {
        do {
            _ = try StratifiedSplit.folds(labels: labels, groups: groups, classes: classes, k: 7, seed: 1)
            Issue.record("7 folds over class c's 6 distinct clips should be refused")
        } catch {
            #expect(error is StratifiedSplit.Failure)
            #expect("\(error)".contains("class 'c' has 7 clip(s) in 6 distinct group(s); 7-fold cross-validation"), "\(error)")
        }
    }
}
