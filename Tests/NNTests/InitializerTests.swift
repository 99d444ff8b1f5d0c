import NN
import TensorCore
import Testing

@Test func kerasFanComputation() {
    #expect(Initializer.fans([5, 3]) == (5, 3))
    #expect(Initializer.fans([3, 3, 4, 8]) == (36, 72))  // receptive field 9 × channels
    #expect(Initializer.fans([3, 16, 32]) == (48, 96))
    #expect(Initializer.fans([7]) == (7, 7))
}

@Test func glorotUniformStaysWithinItsLimitAndFillsIt() {
    let t = Tensor.zeros([3, 3, 4, 8])
    var rng = RNG(seed: 1)
    Initializer.glorotUniform.fill(t, rng: &rng)
    let limit = (6.0 / Float(36 + 72)).squareRoot()
    let v = t.scalars
    #expect(v.allSatisfy { abs($0) <= limit })
    #expect(v.map(abs).max()! > 0.95 * limit)
    // Uniform on [-l, l] has variance l²/3.
    let variance = v.map { $0 * $0 }.reduce(0, +) / Float(v.count)
    #expect(abs(variance - limit * limit / 3) < 0.15 * limit * limit / 3)
}

@Test func heNormalIsTruncatedWithKerasScale() {
    let t = Tensor.zeros([200, 50])
    var rng = RNG(seed: 2)
    Initializer.heNormal.fill(t, rng: &rng)
    let std = (2.0 / Float(200)).squareRoot() / 0.879_625_66
    let v = t.scalars
    #expect(v.allSatisfy { abs($0) <= 2 * std })
    // Truncation at ±2σ leaves a variance of 0.7737·σ², which the 0.8796 correction brings back to 2/fan_in.
    let variance = v.map { $0 * $0 }.reduce(0, +) / Float(v.count)
    #expect(abs(variance - 2 / 200) < 0.05 * 2 / 200)
}

@Test func orthogonalGivesOrthonormalColumns() {
    let t = Tensor.zeros([6, 4])
    var rng = RNG(seed: 3)
    Initializer.orthogonal.fill(t, rng: &rng)
    let w = t.scalars
    for a in 0..<4 {
        for b in 0..<4 {
            let dot = (0..<6).reduce(Float(0)) { $0 + w[$1 * 4 + a] * w[$1 * 4 + b] }
            #expect(abs(dot - (a == b ? 1 : 0)) < 1e-5)
        }
    }
}

@Test func eachParameterHasItsOwnStreamSoAddingALayerChangesNoOtherWeights() throws {
    let small = Sequential(named: [("a", Dense(units: 4)), ("c", Dense(units: 2))])
    let big = Sequential(named: [("a", Dense(units: 4)), ("b", Dense(units: 4)), ("c", Dense(units: 2))])
    try small.build(inputShape: [1, 3]); try big.build(inputShape: [1, 3])
    small.initializeParameters(seed: 42); big.initializeParameters(seed: 42)
    let s = Dictionary(uniqueKeysWithValues: small.stateList().map { ($0.name, $0.values) })
    let b = Dictionary(uniqueKeysWithValues: big.stateList().map { ($0.name, $0.values) })
    #expect(s["a.kernel"] == b["a.kernel"])
    #expect(s["c.kernel"] == b["c.kernel"])
    #expect(s["a.kernel"] != b["b.kernel"]?.prefix(12).map { $0 })
    #expect(b["a.bias"] == [0, 0, 0, 0])
    // A different seed changes every kernel.
    big.initializeParameters(seed: 43)
    #expect(Dictionary(uniqueKeysWithValues: big.stateList().map { ($0.name, $0.values) })["a.kernel"] != s["a.kernel"])
}
