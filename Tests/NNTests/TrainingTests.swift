import NN
import TensorCore
import Testing

/// 16 random points in 6 dimensions with random labels 0..<4.
private func tinySet() -> (Tensor, [Int]) {
    var rng = RNG(seed: 77)
    let x = Tensor(shape: [16, 6], data: (0..<96).map { _ in rng.normal() })
    return (x, (0..<16).map { _ in rng.below(4) })
}

private func trainTiny(seed: UInt64, steps: Int) throws -> (Sequential, Float) {
    let (x, y) = tinySet()
    let m = Sequential(named: [("hidden", Dense(units: 32, activation: .relu)), ("drop", Dropout(rate: 0.1)),
                               ("out", Dense(units: 4, activation: .softmax))])
    try m.build(inputShape: [16, 6])
    m.initializeParameters(seed: seed)
    let opt = Adam(learningRate: 0.02), params = m.trainableParameters()
    for s in 0..<steps {
        m.zeroGrad()
        let ctx = ForwardContext(training: true, rng: RNG(seed: seed, stream: [UInt64(s)]))
        SoftmaxCrossEntropy()(logits: m.logits(x, context: ctx), labels: y).backward()
        opt.step(params)
    }
    let predicted = Tensor.withoutGrad { m.forward(x, context: .inference) }.argmax(axis: -1)
    return (m, Float(zip(predicted, y).filter { $0 == $1 }.count) / 16)
}

@Test func tinyModelOverfitsTinySet() throws {
    let (_, accuracy) = try trainTiny(seed: 1, steps: 300)
    #expect(accuracy == 1)
}

@Test func sameSeedGivesBitIdenticalWeights() throws {
    let (a, _) = try trainTiny(seed: 5, steps: 40), (b, _) = try trainTiny(seed: 5, steps: 40), (c, _) = try trainTiny(seed: 6, steps: 40)
    #expect(a.stateList().map(\.values) == b.stateList().map(\.values))
    #expect(a.stateList().map(\.values) != c.stateList().map(\.values))
}

@Test func dropoutMasksDependOnTheLayerPathNotOnOtherLayers() throws {
    let x = Tensor(shape: [4, 50], repeating: 1)
    let ctx = ForwardContext(training: true, rng: RNG(seed: 3, stream: [1]))
    let one = Sequential(named: [("d", Dropout(rate: 0.5))])
    let two = Sequential(named: [("extra", Dropout(rate: 0.2)), ("d", Dropout(rate: 0.5))])
    let maskOne = one.forward(x, context: ctx).scalars
    // `two` runs `extra` first; `d`'s mask must equal the one it draws alone (it sees `extra`'s zeros, not new ones).
    let extraOut = two.layers[0].module.forward(x, context: ctx.child("extra")).scalars
    let both = two.forward(x, context: ctx).scalars
    for i in 0..<x.count { #expect(both[i] == extraOut[i] * maskOne[i]) }
    // Masks differ by step and are inactive in inference.
    let other = one.forward(x, context: ForwardContext(training: true, rng: RNG(seed: 3, stream: [2]))).scalars
    #expect(other != maskOne)
    #expect(one.forward(x, context: .inference).scalars == x.scalars)
    let kept = maskOne.filter { $0 != 0 }
    #expect(kept.allSatisfy { $0 == 2 } && abs(Float(kept.count) / 200 - 0.5) < 0.1)
}
