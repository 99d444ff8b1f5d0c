import TensorCore
import Experiment
import Testing

@Suite struct MetricsTests {
    // Values computed by hand and cross-checked with sklearn.metrics.classification_report:
    // y_true = [0,0,0,1,1,2], y_pred = [0,0,1,1,2,2]
    @Test func matchesSklearnClassificationReport() {
        let m = ClassificationMetrics(truth: [0, 0, 0, 1, 1, 2], predicted: [0, 0, 1, 1, 2, 2], classes: ["a", "b", "c"])
        #expect(m.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 1]])
        #expect(abs(m.accuracy - 4.0 / 6.0) < 1e-12)
        #expect(m.perClass[0] == .init(name: "a", precision: 1, recall: 2.0 / 3.0, f1: 0.8, support: 3))
        #expect(abs(m.perClass[1].precision - 0.5) < 1e-12 && abs(m.perClass[1].recall - 0.5) < 1e-12)
        #expect(abs(m.perClass[2].precision - 0.5) < 1e-12 && m.perClass[2].recall == 1)
        // sklearn: macro avg 0.67 0.72 0.66; weighted avg 0.75 0.67 0.68
        #expect(abs(m.macro.precision - 2.0 / 3.0) < 1e-12)
        #expect(abs(m.macro.recall - (2.0 / 3.0 + 0.5 + 1) / 3) < 1e-12)
        #expect(abs(m.macro.f1 - (0.8 + 0.5 + 2.0 / 3.0) / 3) < 1e-12)
        #expect(abs(m.weighted.f1 - (0.8 * 3 + 0.5 * 2 + 2.0 / 3.0) / 6) < 1e-12)
        #expect(m.macro.support == 6)
    }

    @Test func neverPredictedClassHasZeroPrecision() {
        let m = ClassificationMetrics(truth: [0, 1], predicted: [0, 0], classes: ["a", "b"])
        #expect(m.perClass[1] == .init(name: "b", precision: 0, recall: 0, f1: 0, support: 1))
        #expect(m.perClass[0].precision == 0.5)
    }
}

/// A set without some of the model's classes is scored over the classes it holds: sklearn's report over the labels
/// present (`labels=[0, 2]` here) gives macro F1 (0.8 + 0.5) / 2, not (0.8 + 0 + 0.5) / 3; the absent class is named.
@Test func macroAveragesLeaveOutClassesTheSetDoesNotHold() {
    let m = ClassificationMetrics(truth: [0, 0, 0, 2, 2], predicted: [0, 0, 2, 2, 1], classes: ["a", "b", "c"])
    #expect(m.absentClasses == ["b"])
    #expect(m.perClass[1].support == 0 && m.perClass[1].f1 == 0)
    #expect(abs(m.perClass[0].f1 - 0.8) < 1e-12 && abs(m.perClass[2].f1 - 0.5) < 1e-12)
    #expect(abs(m.macro.f1 - (0.8 + 0.5) / 2) < 1e-12)
    #expect(abs(m.macro.recall - (2.0 / 3.0 + 0.5) / 2) < 1e-12)
    #expect(abs(m.weighted.f1 - (0.8 * 3 + 0.5 * 2) / 5) < 1e-12)
    #expect(m.macro.support == 5)
}

@Suite struct SplitAndBalanceTests {
    @Test func stratifiedSplitKeepsProportionsAndDuplicatesTogether() throws {
        let labels = Array(repeating: 0, count: 50) + Array(repeating: 1, count: 10)
        var groups = labels.indices.map { "g\($0)" }
        groups[1] = "g0"; groups[2] = "g0"  // a triple of identical clips
        let (train, val) = try StratifiedSplit.split(labels: labels, groups: groups, classes: ["a", "b"], fraction: 0.2, seed: 42)
        #expect(Set(train).isDisjoint(with: val) && train.count + val.count == 60)
        #expect(val.filter { labels[$0] == 1 }.count == 2)
        let zeroVal = val.filter { labels[$0] == 0 }.count
        #expect(zeroVal >= 10 && zeroVal <= 12)
        let dupSides = [0, 1, 2].map { val.contains($0) }
        #expect(Set(dupSides).count == 1)
        let again = try StratifiedSplit.split(labels: labels, groups: groups, classes: ["a", "b"], fraction: 0.2, seed: 42)
        #expect(again.validation == val)
        let other = try StratifiedSplit.split(labels: labels, groups: groups, classes: ["a", "b"], fraction: 0.2, seed: 7)
        #expect(other.validation != val)
    }

    @Test func classWithOneClipIsAClearError() {
        #expect(throws: StratifiedSplit.Failure.self) {
            try StratifiedSplit.split(labels: [0, 0, 1], groups: ["a", "b", "c"], classes: ["x", "lonely"], fraction: 0.2, seed: 1)
        }
        do {
            _ = try StratifiedSplit.split(labels: [0, 0, 1], groups: ["a", "b", "c"], classes: ["x", "lonely"], fraction: 0.2, seed: 1)
        } catch {
            #expect("\(error)".contains("'lonely'"))
        }
    }

    @Test func balancedWeightsMatchSklearn() {
        // sklearn compute_class_weight('balanced'): n / (k * count)
        #expect(ClassBalance.balancedWeights(labels: [0, 0, 0, 1], classCount: 2) == [4.0 / 6.0, 2])
    }

    @Test func samplers() {
        let labels = Array(repeating: 0, count: 90) + Array(repeating: 1, count: 10)
        var rng = RNG(seed: 3)
        let shuffled = ClassBalance.epochOrder(labels: labels, classCount: 2, sampler: .shuffle, rng: &rng)
        #expect(shuffled.sorted() == Array(0..<100))
        let over = ClassBalance.epochOrder(labels: labels, classCount: 2, sampler: .oversample, rng: &rng)
        #expect(over.count == 180 && over.filter { labels[$0] == 1 }.count == 90)
        #expect(Set(over.filter { labels[$0] == 1 }).count == 10)
        var ones = 0
        for _ in 0..<20 {
            ones += ClassBalance.epochOrder(labels: labels, classCount: 2, sampler: .balanced, rng: &rng).filter { labels[$0] == 1 }.count
        }
        #expect(abs(Double(ones) / 2000 - 0.5) < 0.05)
    }
}

/// Expected calibration error by hand: four clips in two bins of 15. Bin [0.6, 0.667): confidences 0.6 and 0.65,
/// one right: |0.5 - 0.625| = 0.125, weight 1/2. Bin [0.933, 1]: 0.95 and 0.99, both right: |1 - 0.97| = 0.03,
/// weight 1/2. ECE = 0.0775.
@Test func expectedCalibrationErrorMatchesAHandComputation() {
    let p: [Float] = [0.6, 0.4, 0.35, 0.65, 0.95, 0.05, 0.01, 0.99]
    let c = Calibration(set: "s", probabilities: p, classes: 2, truth: [0, 0, 0, 1])
    #expect(abs(c.ece - 0.0775) < 1e-6, "\(c.ece)")
    #expect(c.bins.count == 15 && c.bins.map(\.count).reduce(0, +) == 4)
    let filled = c.bins.filter { $0.count > 0 }
    #expect(filled.map(\.count) == [2, 2] && abs(filled[0].accuracy - 0.5) < 1e-12 && abs(filled[1].confidence - 0.97) < 1e-6)
}

/// A frozen backbone's augmented views: evaluation always sees the clean view, training one view per clip and
/// epoch, drawn from the seed (the same for the same seed, every view used over epochs).
@Test func viewExamplesServeTheCleanViewAtEvaluationAndDrawnViewsInTraining() throws {
    let views: [[Float]] = [[0, 0, 0], [1, 1, 1], [2, 2, 2]]  // three clips of one value, three views
    let a = ViewExamples(views: views, labels: [0, 1, 0], exampleShape: [1], seed: 9)
    let b = ViewExamples(views: views, labels: [0, 1, 0], exampleShape: [1], seed: 9)
    var out = [Float](repeating: -1, count: 3)
    a.fill([0, 1, 2], epoch: nil, into: &out)
    #expect(out == [0, 0, 0])
    var seen = Set<Float>()
    for epoch in 0..<20 {
        try a.prepare(epoch: epoch)
        try b.prepare(epoch: epoch)
        var x = [Float](repeating: -1, count: 3), y = x
        a.fill([0, 1, 2], epoch: epoch, into: &x)
        b.fill([0, 1, 2], epoch: epoch, into: &y)
        #expect(x == y)
        seen.formUnion(x)
    }
    #expect(seen == [0, 1, 2])
}
