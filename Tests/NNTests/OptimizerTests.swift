import Foundation
import NN
import GradCheck
import TensorCore
import Testing

/// A one-tensor "model" whose gradient we set by hand.
private final class Weights: Module {
    let p: Parameter
    init(_ values: [Float]) {
        p = Parameter("w", shape: [values.count], initializer: .zeros)
        p.value.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] = values[i] } }
    }
    var typeName: String { "Weights" }
    var config: LayerConfig { LayerConfig(type: typeName) }
    var ownParameters: [Parameter] { [p] }
    func outputShape(for inputShapes: [[Int]]) throws -> [Int] { p.value.shape }
    func build(inputShapes: [[Int]]) throws -> [Int] { p.value.shape }
    func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { p.value }

    /// Sets dL/dw = g by back-propagating Σ g·w.
    func setGradient(_ g: [Float]) {
        zeroGrad()
        (p.value * Tensor(shape: [g.count], data: g)).sum().backward()
    }
    var values: [Float] { p.value.scalars }
}

@Test func oneAdamStepMatchesTheKerasFormula() {
    let w = Weights([1, -2, 0.5]), g: [Float] = [0.5, -0.1, 2e-4]
    let opt = Adam(learningRate: 0.01)
    w.setGradient(g)
    opt.step(w.trainableParameters())
    for i in 0..<3 {
        let gi = Double(g[i]), m = 0.1 * gi, v = 0.001 * gi * gi
        let alpha = 0.01 * (1 - 0.999).squareRoot() / (1 - 0.9)
        let expected = Double([1, -2, 0.5][i]) - alpha * m / (v.squareRoot() + 1e-7)
        #expect(abs(Double(w.values[i]) - expected) < 1e-7, "element \(i): \(w.values[i]) vs \(expected)")
    }
    #expect(opt.iterations == 1)
}

@Test func twoSgdMomentumStepsAndNesterov() {
    for nesterov in [false, true] {
        let w = Weights([1]), opt = SGD(learningRate: 0.1, momentum: 0.9, nesterov: nesterov)
        var v = 0.0, x = 1.0
        for g in [2.0, -1.0] {
            w.setGradient([Float(g)])
            opt.step(w.trainableParameters())
            v = 0.9 * v - 0.1 * g
            x += nesterov ? 0.9 * v - 0.1 * g : v
        }
        #expect(abs(Double(w.values[0]) - x) < 1e-6)
    }
    let plain = Weights([1]), sgd = SGD(learningRate: 0.5)
    plain.setGradient([3]); sgd.step(plain.trainableParameters())
    #expect(plain.values == [-0.5])
}

@Test func oneNadamStepMatchesTheKerasFormula() {
    let w = Weights([1, -1]), g: [Float] = [0.3, -2]
    let opt = Nadam(learningRate: 0.01)
    w.setGradient(g); opt.step(w.trainableParameters())
    for i in 0..<2 {
        let gi = Double(g[i]), ut = 0.9 * (1 - 0.5 * pow(0.96, 1.0)), ut1 = 0.9 * (1 - 0.5 * pow(0.96, 2.0))
        let m = 0.1 * gi, v = 0.001 * gi * gi
        let mHat = ut1 * m / (1 - ut * ut1) + (1 - ut) * gi / (1 - ut)
        let vHat = v / (1 - 0.999)
        let expected = Double([1, -1][i]) - 0.01 * mHat / (vHat.squareRoot() + 1e-7)
        #expect(abs(Double(w.values[i]) - expected) < 1e-6)
    }
}

@Test func decoupledWeightDecayShrinksWeightsBeforeTheUpdate() {
    let w = Weights([2, -4])
    let opt = AdamW(learningRate: 0.1, weightDecay: 0.5)
    w.setGradient([0, 0])
    opt.step(w.trainableParameters())
    let expected: [Float] = [1.9, -3.8]
    #expect(abs(w.values[0] - expected[0]) < 1e-6 && abs(w.values[1] - expected[1]) < 1e-6)
}

@Test func globalNormClippingScalesAllGradientsTogether() {
    let a = Weights([0, 0]), opt = SGD(learningRate: 1, globalClipNorm: 1)
    a.setGradient([3, 4])
    #expect(Optimizer.globalNorm(a.trainableParameters()) == 5)
    opt.step(a.trainableParameters())
    #expect(a.values == [-0.6, -0.8])
    // Below the threshold nothing changes.
    let b = Weights([0, 0]), loose = SGD(learningRate: 1, globalClipNorm: 10)
    b.setGradient([3, 4]); loose.step(b.trainableParameters())
    #expect(b.values == [-3, -4])
}

@Test func schedulesAtChosenEpochs() {
    #expect(LearningRateSchedule.constant(0.1).rate(epoch: 37) == 0.1)
    let step = LearningRateSchedule.step(initial: 0.1, every: 10, factor: 0.5)
    #expect(step.rate(epoch: 9) == 0.1 && step.rate(epoch: 10) == 0.05 && step.rate(epoch: 25) == 0.025)
    let cos = LearningRateSchedule.cosine(initial: 1e-3, warmupEpochs: 5, totalEpochs: 105, minimum: 1e-5)
    #expect(abs(cos.rate(epoch: 2.5) - 5e-4) < 1e-10)
    #expect(cos.rate(epoch: 5) == 1e-3)
    #expect(abs(cos.rate(epoch: 55) - (1e-5 + (1e-3 - 1e-5) * 0.5)) < 1e-9)
    #expect(abs(cos.rate(epoch: 105) - 1e-5) < 1e-10 && abs(cos.rate(epoch: 200) - 1e-5) < 1e-10)
}

@Test func reduceOnPlateauWaitsForPatienceThenCoolsDown() {
    var c = LearningRateController(schedule: .constant(0.1), plateau: ReduceLROnPlateau(factor: 0.5, patience: 2, cooldown: 1, minLearningRate: 0.02))
    let metrics: [Float] = [1.0, 0.9, 0.95, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97]
    var rates: [Float] = []
    for (e, m) in metrics.enumerated() {
        _ = c.endEpoch(e, metric: m)
        rates.append(c.rate(epoch: Double(e + 1)))
    }
    // As Keras: reduce after epoch 3 (two epochs without beating 0.9); epoch 4 spends the cooldown but already
    // counts (wait 1), so epoch 5 reduces again, then epoch 7 (floored at 0.02); at the floor no more reductions.
    #expect(rates == [0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02])
}

@Test func optimizerAndScheduleStateRestoreGivesBitIdenticalSteps() throws {
    func model() throws -> Sequential {
        let m = Sequential([Dense(units: 5, activation: .relu), Dropout(rate: 0.3), Dense(units: 3)])
        try m.build(inputShape: [8, 4]); m.initializeParameters(seed: 9)
        return m
    }
    let x = randomTensor([8, 4], seed: 1), y = [0, 1, 2, 0, 1, 2, 0, 1]
    func train(_ m: Sequential, _ opt: Optimizer, _ lr: LearningRateController, steps: Range<Int>) {
        let params = m.trainableParameters()
        for s in steps {
            opt.learningRate = lr.rate(epoch: Double(s + 1) / 4)
            m.zeroGrad()
            let ctx = ForwardContext(training: true, rng: RNG(seed: 3, stream: [UInt64(s)]))
            SoftmaxCrossEntropy()(logits: m.logits(x, context: ctx), labels: y).backward()
            opt.step(params)
        }
    }
    let lr = LearningRateController(schedule: .cosine(initial: 0.01, warmupEpochs: 1, totalEpochs: 4, minimum: 0))
    for make in [{ Adam() as Optimizer }, { Nadam() }, { SGD(momentum: 0.9, nesterov: true) }, { AdamW() }] {
        let a = try model(), optA = make()
        train(a, optA, lr, steps: 0..<5)
        let weights = a.stateList()
        let saved = try JSONEncoder().encode(optA.state())
        let savedLR = try JSONEncoder().encode(lr)
        train(a, optA, lr, steps: 5..<10)

        let b = try model(), optB = make()
        try b.loadStateList(weights)
        try optB.load(JSONDecoder().decode(OptimizerState.self, from: saved))
        train(b, optB, try JSONDecoder().decode(LearningRateController.self, from: savedLR), steps: 5..<10)
        #expect(a.stateList().map(\.values) == b.stateList().map(\.values), "\(optA.typeName)")
        #expect(optA.state() == optB.state())
    }
}

@Test func loadingStateOfAnotherOptimizerFails() {
    #expect(throws: ShapeError.self) { try SGD().load(Adam().state()) }
}

/// A rate scale slows only the parameters under its module path, and leaves the base rate as it found it.
@Test func rateScalesSlowOnlyTheirModulePath() {
    let model = Sequential(named: [("backbone", Weights([1, 1])), ("head", Weights([1, 1]))])
    let opt = SGD(learningRate: 0.5)
    opt.rateScales = [("backbone", 0.1)]
    (model.children[0].module as! Weights).setGradient([2, 4])
    (model.children[1].module as! Weights).setGradient([2, 4])
    opt.step(model.trainableParameters())
    #expect((model.children[0].module as! Weights).values == [1 - 0.1, 1 - 0.2])
    #expect((model.children[1].module as! Weights).values == [0, -1])
    #expect(opt.learningRate == 0.5)
}
