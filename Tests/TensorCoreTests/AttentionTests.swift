import Foundation
import Testing
import GradCheck
import TensorCore

@Suite struct AttentionTests {
    @Test func valuesByHand() {
        // One query, two keys, D 1: scores [0, ln 3] → weights [1/4, 3/4] over values [2, 6].
        let q = Tensor(shape: [1, 1, 1], data: [1])
        let k = Tensor(shape: [1, 2, 1], data: [0, Float(log(3.0))])
        let v = Tensor(shape: [1, 2, 1], data: [2, 6])
        #expect(abs(multiHeadAttention(q: q, k: k, v: v, heads: 1).item - 5) < 1e-5)
        #expect(abs(multiHeadAttention(q: q, k: k, v: v, heads: 1, keyPaddingMask: [false, true]).item - 2) < 1e-6)
        // Every key padded: uniform weights, as Keras's −1e9 fill gives.
        #expect(abs(multiHeadAttention(q: q, k: k, v: v, heads: 1, keyPaddingMask: [true, true]).item - 4) < 1e-6)
        // Two heads of width 1: head 0 as above; head 1 scores [0, 2·ln 2] → weights [1/5, 4/5] over [10, 20].
        let q2 = Tensor(shape: [1, 1, 2], data: [1, 2])
        let k2 = Tensor(shape: [1, 2, 2], data: [0, 0, Float(log(3.0)), Float(log(2.0))])
        let v2 = Tensor(shape: [1, 2, 2], data: [2, 10, 6, 20])
        let y = multiHeadAttention(q: q2, k: k2, v: v2, heads: 2).scalars
        #expect(abs(y[0] - 5) < 1e-5 && abs(y[1] - 18) < 1e-5)
        // Scaling by 1/√D: D 4 with q·k = 2·ln 3 gives the same weights as above.
        let q4 = Tensor(shape: [1, 1, 4], data: [1, 1, 1, 1])
        let k4 = Tensor(shape: [1, 2, 4], data: [0, 0, 0, 0] + [Float](repeating: Float(log(3.0)) / 2, count: 4))
        let v4 = Tensor(shape: [1, 2, 4], data: [2, 2, 2, 2, 6, 6, 6, 6])
        #expect(multiHeadAttention(q: q4, k: k4, v: v4, heads: 1).scalars.allSatisfy { abs($0 - 5) < 1e-5 })
    }

    @Test func gradientsEveryInput() {
        // Softmax is smooth: step 1e-2, atol 1e-3, rtol 1e-2 (defaults).
        let check = GradCheck()
        let mask: [Bool] = [false, false, true, false, false, true, true, false, false, false]
        for m in [nil, mask] {
            check.check([randomTensor([2, 3, 4], seed: 1), randomTensor([2, 5, 4], seed: 2), randomTensor([2, 5, 4], seed: 3)]) {
                multiHeadAttention(q: $0[0], k: $0[1], v: $0[2], heads: 2, keyPaddingMask: m)
            }
        }
        // A sample whose keys are all padded contributes only through v.
        let allPadded: [Bool] = [true, true, true, false, true, false]
        check.check([randomTensor([2, 2, 2], seed: 4), randomTensor([2, 3, 2], seed: 5), randomTensor([2, 3, 2], seed: 6)]) {
            multiHeadAttention(q: $0[0], k: $0[1], v: $0[2], heads: 1, keyPaddingMask: allPadded)
        }
        // Self-attention: the same tensor as q, k and v accumulates three gradients.
        check.check([randomTensor([1, 4, 4], seed: 7)]) { multiHeadAttention(q: $0[0], k: $0[0], v: $0[0], heads: 2) }
    }

    @Test func backwardReadsAttentionWeightsKeptAliveNotFreedBuffers() {
        #expect(gradientsSurvivePoolChurn([randomTensor([2, 3, 4], seed: 12), randomTensor([2, 5, 4], seed: 13), randomTensor([2, 5, 4], seed: 14)],
                                          counts: [2 * 2 * 3 * 5]) {
            multiHeadAttention(q: $0[0], k: $0[1], v: $0[2], heads: 2)
        })
    }
}
