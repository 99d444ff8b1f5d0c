import Foundation
import NN
import GradCheck
import TensorCore
import Testing

private let logits = Tensor(shape: [3, 4], data: [1, 2, 3, 0.5, 1, 0, -1, 2, -0.5, 0.2, 0.1, 0.3])
private let labels = [2, 3, 1]

/// −log softmax(row)[k] in Double.
private func nll(_ row: [Float], _ k: Int) -> Double {
    let m = Double(row.max()!)
    let lse = m + Foundation.log(row.map { Foundation.exp(Double($0) - m) }.reduce(0, +))
    return lse - Double(row[k])
}

private func rows(_ t: Tensor) -> [[Float]] { stride(from: 0, to: t.count, by: t.shape[1]).map { Array(t.scalars[$0..<$0 + t.shape[1]]) } }

@Test func crossEntropyMatchesTheDefinition() {
    let r = rows(logits)
    let expected = (0..<3).map { nll(r[$0], labels[$0]) }.reduce(0, +) / 3
    #expect(abs(Double(SoftmaxCrossEntropy()(logits: logits, labels: labels).item) - expected) < 1e-6)
}

@Test func classWeightsMultiplySamplesAndDivideByBatchSize() {
    let w: [Float] = [0.5, 1, 2, 4]
    let r = rows(logits)
    let expected = (0..<3).map { Double(w[labels[$0]]) * nll(r[$0], labels[$0]) }.reduce(0, +) / 3
    #expect(abs(Double(SoftmaxCrossEntropy(classWeights: w)(logits: logits, labels: labels).item) - expected) < 1e-6)
}

@Test func labelSmoothingMixesInTheUniformTarget() {
    let r = rows(logits), eps = 0.1
    var expected = 0.0
    for i in 0..<3 { for c in 0..<4 { expected += ((c == labels[i] ? 1 - eps : 0) + eps / 4) * nll(r[i], c) } }
    expected /= 3
    #expect(abs(Double(SoftmaxCrossEntropy(labelSmoothing: 0.1)(logits: logits, labels: labels).item) - expected) < 1e-6)
}

@Test func softTargetsAreTheMixtureOfTheirClasses() {
    var t = [Float](repeating: 0, count: 12)
    t[0] = 0.3; t[2] = 0.7; t[7] = 1; t[9] = 0.5; t[10] = 0.5
    let r = rows(logits)
    let expected = (0.3 * nll(r[0], 0) + 0.7 * nll(r[0], 2) + nll(r[1], 3) + 0.5 * nll(r[2], 1) + 0.5 * nll(r[2], 2)) / 3
    #expect(abs(Double(SoftmaxCrossEntropy()(logits: logits, targets: Tensor(shape: [3, 4], data: t)).item) - expected) < 1e-6)
}

@Test func fusedCrossEntropyStaysFiniteForHugeLogits() {
    let big = Tensor(shape: [2, 3], data: [1000, 0, -1000, -1000, 0, 1000])
    let loss = SoftmaxCrossEntropy()(logits: big, labels: [0, 0]).item
    #expect(abs(loss - 1000) < 1e-3)  // (0 + 2000) / 2
}

@Test func focalLossMatchesKerasFormula() {
    let r = rows(logits)
    var expected = 0.0
    for i in 0..<3 {
        let m = Double(r[i].max()!), e = r[i].map { Foundation.exp(Double($0) - m) }, s = e.reduce(0, +)
        let p = min(max(e[labels[i]] / s, 1e-7), 1 - 1e-7)
        expected += -0.25 * (1 - p) * (1 - p) * Foundation.log(p)
    }
    expected /= 3
    #expect(abs(Double(FocalLoss()(logits: logits, labels: labels).item) - expected) < 1e-6)
}

@Test func ntXentMatchesTheDefinition() {
    let a = randomTensor([3, 4], seed: 1), b = randomTensor([3, 4], seed: 2)
    let z = (rows(a) + rows(b)).map { v -> [Double] in
        let n = v.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
        return v.map { Double($0) / n }
    }
    var expected = 0.0
    for i in 0..<6 {
        let s = (0..<6).map { j in zip(z[i], z[j]).map(*).reduce(0, +) / 0.5 }
        let denom = (0..<6).filter { $0 != i }.map { Foundation.exp(s[$0]) }.reduce(0, +)
        expected += -Foundation.log(Foundation.exp(s[(i + 3) % 6]) / denom)
    }
    expected /= 6
    #expect(abs(Double(NTXentLoss(temperature: 0.5)(a, b).item) - expected) < 1e-5)
}

@Test func prototypicalLossMatchesTheDefinition() {
    let support = randomTensor([4, 3], seed: 3), query = randomTensor([3, 3], seed: 4)
    let sl = [0, 1, 0, 1], ql = [1, 0, 1]
    let s = rows(support), q = rows(query)
    let protos = (0..<2).map { k in (0..<3).map { d in sl.indices.filter { sl[$0] == k }.map { Double(s[$0][d]) }.reduce(0, +) / 2 } }
    var expected = 0.0
    for i in 0..<3 {
        let neg = protos.map { p in Float(-zip(q[i], p).map { (Double($0) - $1) * (Double($0) - $1) }.reduce(0, +)) }
        expected += nll(neg, ql[i])
    }
    expected /= 3
    #expect(abs(Double(PrototypicalLoss()(support: support, supportLabels: sl, query: query, queryLabels: ql).item) - expected) < 1e-5)
}

@Test func lossGradientsMatchFiniteDifferences() {
    let gc = GradCheck(eps: 1e-2, atol: 1e-3, rtol: 2e-2)
    let soft = Tensor(shape: [3, 4], data: [0.3, 0, 0.7, 0, 0, 0, 0, 1, 0, 0.5, 0.5, 0])
    gc.check([randomTensor([3, 4], seed: 5)]) { SoftmaxCrossEntropy(classWeights: [0.5, 1, 2, 4], labelSmoothing: 0.1)(logits: $0[0], targets: soft) }
    gc.check([randomTensor([3, 4], seed: 6)]) { FocalLoss(gamma: 2, alpha: 0.25)(logits: $0[0], labels: labels) }
    gc.check([randomTensor([3, 4], seed: 7), randomTensor([3, 4], seed: 8)]) { NTXentLoss(temperature: 0.5)($0[0], $0[1]) }
    gc.check([randomTensor([4, 3], seed: 9), randomTensor([3, 3], seed: 10)]) {
        PrototypicalLoss()(support: $0[0], supportLabels: [0, 1, 0, 1], query: $0[1], queryLabels: [1, 0, 1])
    }
}
