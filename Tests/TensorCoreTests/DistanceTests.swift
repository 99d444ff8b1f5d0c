import Testing
import GradCheck
import TensorCore

@Suite struct DistanceTests {
    @Test func l2NormalizedValues() {
        let x = Tensor(shape: [2, 2], data: [3, 4, 0, 0])
        #expect(close(x.l2Normalized().scalars, [0.6, 0.8, 0, 0]))  // a zero row stays zero, not NaN
        #expect(close(x.l2Normalized(axis: 0).scalars, [1, 1, 0, 0]))
    }

    @Test func cosineAndSquaredDistanceValues() {
        let a = Tensor(shape: [2, 2], data: [1, 0, 1, 1]), b = Tensor(shape: [2, 2], data: [0, 2, 3, 0])
        #expect(close(cosineSimilarityMatrix(a, b).scalars, [0, 1, 0.70710677, 0.70710677]))
        let p = Tensor(shape: [2, 2], data: [0, 0, 1, 2]), q = Tensor(shape: [3, 2], data: [1, 0, 3, 4, 1, 2])
        #expect(pairwiseSquaredDistances(p, q).scalars == [1, 25, 5, 4, 8, 0])
        // Against the direct Σ(a − b)² on random data.
        let u = randomTensor([4, 6], seed: 121), v = randomTensor([3, 6], seed: 122)
        let us = u.scalars, vs = v.scalars
        var direct: [Float] = []
        for i in 0..<4 {
            for j in 0..<3 {
                var s: Float = 0
                for k in 0..<6 { s += (us[i * 6 + k] - vs[j * 6 + k]) * (us[i * 6 + k] - vs[j * 6 + k]) }
                direct.append(s)
            }
        }
        #expect(close(pairwiseSquaredDistances(u, v).scalars, direct, 1e-5))
    }

    @Test func gradients() {
        let check = GradCheck()
        check.check([randomTensor([3, 4], seed: 123)]) { $0[0].l2Normalized() }
        check.check([randomTensor([3, 4], seed: 124)]) { $0[0].l2Normalized(axis: 0) }
        check.check([randomTensor([3, 4], seed: 125), randomTensor([5, 4], seed: 126)]) {
            cosineSimilarityMatrix($0[0], $0[1])
        }
        check.check([randomTensor([3, 4], seed: 127), randomTensor([5, 4], seed: 128)]) {
            pairwiseSquaredDistances($0[0], $0[1])
        }
        // Same tensor on both sides (prototypes vs themselves): both gradients add into one.
        check.check([randomTensor([4, 3], seed: 129)]) { pairwiseSquaredDistances($0[0], $0[0] * 2) }
    }
}
