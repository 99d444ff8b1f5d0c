import Experiment
import Testing

@Test func quantileBinsDropCutsThatSeparateNothing() {
    let edges = PropertyBinning.edges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    #expect(edges.count == 4 && zip(edges, [2.8, 4.6, 6.4, 8.2]).allSatisfy { abs($0 - $1) < 1e-12 })
    // Ties: the 1/5 … 4/5 quantiles of [1 ×6, 2 ×4] are 1, 1, 1.4, 2; a cut at the top value leaves nothing above.
    #expect(PropertyBinning.edges([1, 1, 1, 1, 1, 1, 2, 2, 2, 2]) == [1])
    #expect(PropertyBinning.edges([3, 3, 3]) == [])
    #expect(Quartiles([1, 2, 3, 4]) == Quartiles(q1: 1.75, median: 2.5, q3: 3.25))
}

@Test func cramersVOfKnownTables() {
    // Perfect association: each class in a bin of its own.
    #expect(ContingencyTable(bins: [0, 0, 1, 1], labels: [0, 0, 1, 1], binCount: 2, classCount: 2).cramersV == 1)
    // Independence: the same class mix in every bin.
    #expect(ContingencyTable(bins: [0, 0, 1, 1], labels: [0, 1, 0, 1], binCount: 2, classCount: 2).cramersV == 0)
    // [[3, 1], [1, 3]]: expected 2 everywhere, χ² = 4 · 1/2 = 2, V = √(2/8).
    let t = ContingencyTable(bins: [0, 0, 0, 0, 1, 1, 1, 1], labels: [0, 0, 0, 1, 0, 1, 1, 1], binCount: 2, classCount: 2)
    #expect(abs(t.cramersV - 0.5) < 1e-12)
    // Empty rows and classes do not count: one bin in use is no association at all.
    #expect(ContingencyTable(bins: [1, 1], labels: [0, 1], binCount: 3, classCount: 4).cramersV == 0)
}

/// The small class wins the bin it lives in even when a big class has more clips there.
@Test func onePropertyClassifierWeighsClassesBySize() {
    // Class 0: 10 clips, 4 in bin 1. Class 1: 2 clips, both in bin 1. Plain majority would give bin 1 to class 0.
    let bins = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    let labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    #expect(OnePropertyClassifier.fit(bins: bins, labels: labels, binCount: 3, classCount: 2) == [0, 1, 0])
}

@Test func stratifiedFoldsDealEachClassInTurnAndKeepCopiesTogether() {
    let labels = [0, 0, 0, 0, 1, 1, 1]
    let groups = ["a", "b", "a", "c", "d", "e", "f"]
    #expect(StratifiedFolds.assign(labels: labels, groups: groups, k: 2) == [0, 1, 0, 0, 0, 1, 0])
}
