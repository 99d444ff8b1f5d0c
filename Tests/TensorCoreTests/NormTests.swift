import Testing
import GradCheck
import TensorCore

private func near(_ a: [Float], _ b: [Float], tol: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * (1 + abs($1)) }
}

@Suite struct NormTests {
    @Test func batchNormTrainingValuesAndRunningStatsByHand() {
        // One channel, values 1,2,3,4: mean 2.5, biased variance 1.25.
        let x = Tensor(shape: [2, 2, 1], data: [1, 2, 3, 4])
        let gamma = Tensor(shape: [1], data: [2]), beta = Tensor(shape: [1], data: [0.5])
        let rm = Tensor(shape: [1], data: [0]), rv = Tensor(shape: [1], data: [1])
        let y = batchNorm(x, gamma: gamma, beta: beta, runningMean: rm, runningVar: rv, training: true, momentum: 0.9, epsilon: 1e-3)
        let s = 1 / (1.25 + 1e-3 as Float).squareRoot()
        #expect(near(y.scalars, [-1.5, -0.5, 0.5, 1.5].map { 2 * $0 * s + 0.5 }))
        // Keras: moving = moving·momentum + batch·(1 − momentum), with the biased batch variance.
        #expect(near(rm.scalars, [0.25]) && near(rv.scalars, [0.9 + 0.125]))
        // Inference uses the running statistics and leaves them alone.
        let yi = batchNorm(x, gamma: gamma, beta: beta, runningMean: rm, runningVar: rv, training: false, epsilon: 1e-3)
        let si = 1 / (1.025 + 1e-3 as Float).squareRoot()
        #expect(near(yi.scalars, [1, 2, 3, 4].map { 2 * ($0 - 0.25) * si + 0.5 }))
        #expect(near(rm.scalars, [0.25]))
    }

    @Test func layerNormValuesByHand() {
        let x = Tensor(shape: [2, 2], data: [1, 3, -2, 2])
        let y = layerNorm(x, gamma: Tensor(shape: [2], data: [1, 2]), beta: Tensor(shape: [2], data: [0, 1]))
        let s1 = 1 / (1 + 1e-3 as Float).squareRoot(), s2 = 1 / (4 + 1e-3 as Float).squareRoot()
        #expect(near(y.scalars, [-s1, 2 * s1 + 1, -2 * s2, 2 * 2 * s2 + 1]))
    }

    @Test func normGradients() {
        // Normalisation is smooth but curved (1/σ): step 1e-2 with the default tolerances (atol 1e-3, rtol 1e-2).
        let check = GradCheck()
        let stats = { (Tensor.zeros([3]), Tensor(shape: [3], repeating: 1)) }
        for training in [true, false] {
            let (rm, rv) = stats()
            check.check([randomTensor([4, 5, 3], seed: 1, low: -2, high: 2), randomTensor([3], seed: 2, low: 0.5, high: 1.5),
                         randomTensor([3], seed: 3)]) {
                batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: rm, runningVar: rv, training: training)
            }
        }
        check.check([randomTensor([3, 4, 6], seed: 4, low: -2, high: 2), randomTensor([6], seed: 5, low: 0.5, high: 1.5),
                     randomTensor([6], seed: 6)]) {
            layerNorm($0[0], gamma: $0[1], beta: $0[2])
        }
    }

    @Test func backwardReadsStatisticsKeptAliveNotFreedBuffers() {
        let (rm, rv) = (Tensor.zeros([3]), Tensor(shape: [3], repeating: 1))
        #expect(gradientsSurvivePoolChurn([randomTensor([4, 5, 3], seed: 7), Tensor(shape: [3], repeating: 1), Tensor.zeros([3])],
                                          counts: [3]) {
            batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: rm, runningVar: rv, training: true)
        })
        #expect(gradientsSurvivePoolChurn([randomTensor([4, 5, 3], seed: 8), Tensor(shape: [3], repeating: 1), Tensor.zeros([3])],
                                          counts: [20 * 2]) {
            layerNorm($0[0], gamma: $0[1], beta: $0[2])
        })
    }
}
