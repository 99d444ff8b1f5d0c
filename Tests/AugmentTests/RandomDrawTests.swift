import Augment
import Testing

@Test func uniformMappingIsTheDocumentedBitMapping() {
    var raw = SplitMix64(seed: 42)
    var g = SplitMix64(seed: 42)
    for _ in 0..<100 {
        let r = raw.next()
        #expect(UniformDraw.unitDouble(&g) == Double(r >> 11) * 0x1p-53)
        let r2 = raw.next()
        #expect(UniformDraw.unitFloat(&g) == Float(r2 >> 40) * 0x1p-24)
        let r3 = raw.next()
        #expect(UniformDraw.integer(below: 7, &g) == Int(r3.multipliedFullWidth(by: 7).high))
    }
}

@Test func integerDrawsCoverTheirRangeEvenly() {
    var g = SplitMix64(seed: 1)
    var counts = [Int](repeating: 0, count: 10)
    for _ in 0..<50_000 { counts[UniformDraw.integer(in: -3...6, &g) + 3] += 1 }
    // Each bucket expects 5000 with sd ~67; 300 is 4.5 sd.
    for c in counts { #expect(abs(c - 5000) < 300) }
}

@Test func normalHasUnitMomentsAndTwoDrawsPerCall() {
    var g = CountingGenerator(inner: SplitMix64(seed: 7))
    let n = 40_000
    var s = 0.0, s2 = 0.0
    for _ in 0..<n {
        let z = DistributionDraw.standardNormal(&g)
        s += z
        s2 += z * z
    }
    let mean = s / Double(n)
    #expect(abs(mean) < 0.02)
    #expect(abs(s2 / Double(n) - mean * mean - 1) < 0.03)
    #expect(g.count == 2 * n)
}

@Test(arguments: [0.3, 1.0, 2.5, 7.0])
func gammaHasMeanAndVarianceEqualToShape(shape: Double) {
    var g = SplitMix64(seed: UInt64(shape * 1000))
    let n = 40_000
    let xs = (0..<n).map { _ in DistributionDraw.gamma(shape: shape, &g) }
    let mean = xs.reduce(0, +) / Double(n)
    let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    #expect(abs(mean - shape) < 0.03 * max(shape, 1))
    #expect(abs(variance - shape) < 0.08 * max(shape, 1))
    #expect(xs.allSatisfy { $0 >= 0 })
}

@Test func betaMatchesItsMeanAndVariance() {
    var g = SplitMix64(seed: 11)
    let n = 40_000
    let xs = (0..<n).map { _ in DistributionDraw.beta(2, 5, &g) }
    let mean = xs.reduce(0, +) / Double(n)
    let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    #expect(abs(mean - 2.0 / 7.0) < 0.005)
    #expect(abs(variance - 10.0 / (49.0 * 8.0)) < 0.002)  // ab / ((a+b)²(a+b+1))
}
