import Augment
import Testing

@Test func mixupMixesRowsWithThePermutedPartnerAndConservesLabelMass() throws {
    let t = try Mixup(alpha: 0.4)
    let batch = 8, width = 12, classes = 5
    for seed in 0..<50 as Range<UInt64> {
        var src = SplitMix64(seed: seed + 99)
        let features = (0..<batch * width).map { _ in UniformDraw.unitFloat(&src) }
        var labels = [Float](repeating: 0, count: batch * classes)
        for i in 0..<batch { labels[i * classes + UniformDraw.integer(below: classes, &src)] = 1 }
        var x = features, y = labels
        var g = SplitMix64(seed: seed)
        let d = t.apply(features: &x, labels: &y, batch: batch, using: &g)
        #expect(d.applied)
        #expect(d.permutation.sorted() == Array(0..<batch))
        #expect(d.lambda >= 0 && d.lambda <= 1)
        let l = Float(d.lambda)
        for i in 0..<batch {
            let j = d.permutation[i]
            for c in 0..<width {
                #expect(abs(x[i * width + c] - (l * features[i * width + c] + (1 - l) * features[j * width + c])) < 1e-6)
            }
            let row = y[(i * classes)..<((i + 1) * classes)]
            #expect(abs(row.reduce(0, +) - 1) < 1e-6)
            for c in 0..<classes {
                #expect(abs(y[i * classes + c] - (l * labels[i * classes + c] + (1 - l) * labels[j * classes + c])) < 1e-6)
            }
        }
    }
}

@Test(arguments: [0.2, 1.0, 2.0])
func mixupLambdaFollowsBetaAlphaAlpha(alpha: Double) throws {
    let t = try Mixup(alpha: alpha)
    let n = 20_000
    var g = SplitMix64(seed: UInt64(alpha * 10))
    let ls = (0..<n).map { _ in t.draw(batch: 4, using: &g).lambda }
    let mean = ls.reduce(0, +) / Double(n)
    let variance = ls.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    #expect(abs(mean - 0.5) < 0.01)
    #expect(abs(variance - 1 / (4 * (2 * alpha + 1))) < 0.006)  // Var Beta(a, a) = 1 / (4(2a + 1))
    let extreme = Double(ls.filter { $0 < 0.1 || $0 > 0.9 }.count) / Double(n)
    if alpha == 0.2 {
        #expect(extreme > 0.6)  // U-shaped: most mass near 0 or 1 (≈ 0.66 for Beta(0.2, 0.2))
    } else if alpha == 1 {
        #expect(abs(extreme - 0.2) < 0.015)  // uniform
    }
}

@Test func mixupSkippedLeavesTheBatchAlone() throws {
    let t = try Mixup(alpha: 0.4, p: 0)
    var x: [Float] = [1, 2, 3, 4], y: [Float] = [1, 0, 0, 1]
    var g = SplitMix64(seed: 1)
    let d = t.apply(features: &x, labels: &y, batch: 2, using: &g)
    #expect(!d.applied && d.lambda == 1 && d.permutation == [0, 1])
    #expect(x == [1, 2, 3, 4] && y == [1, 0, 0, 1])
    #expect(throws: AugmentError.self) { try Mixup(alpha: 0) }
}
