import Testing
import GradCheck
import TensorCore

@Suite struct GRUTests {
    // One unit, one feature, two steps; expected values computed by hand from the Keras cell equations.
    private let x = Tensor(shape: [1, 2, 1], data: [0.5, -1.0])
    private let kernel = Tensor(shape: [1, 3], data: [0.3, -0.2, 0.8])
    private let recurrent = Tensor(shape: [1, 3], data: [0.6, 0.4, -0.5])
    private let bias = Tensor(shape: [2, 3], data: [0.1, 0.2, -0.1, 0.05, -0.05, 0.2])

    @Test func forwardValuesByHand() {
        let y = gru(x, kernel: kernel, recurrentKernel: recurrent, bias: bias).scalars
        #expect(abs(y[0] - 0.16259938) < 1e-6 && abs(y[1] - -0.26957690) < 1e-6)
        // go_backwards: reads x[1] then x[0]; outputs in processing order, so the final state is last.
        let r = gru(x, kernel: kernel, recurrentKernel: recurrent, bias: bias, reverse: true).scalars
        #expect(abs(r[0] - -0.35160824) < 1e-6 && abs(r[1] - 0.02933746) < 1e-6)
        let nb = gru(x, kernel: kernel, recurrentKernel: recurrent).scalars
        #expect(nb.count == 2 && nb[0] != y[0])
    }

    @Test func gradientsEveryInputAndWeight() {
        // Smooth (σ, tanh) through time; inputs in [-1, 1) keep the curvature low: step 1e-2, atol 1e-3, rtol 1e-2 (defaults).
        let check = GradCheck()
        for reverse in [false, true] {
            check.check([randomTensor([2, 4, 3], seed: 1), randomTensor([3, 6], seed: 2), randomTensor([2, 6], seed: 3),
                         randomTensor([2, 6], seed: 4)]) {
                gru($0[0], kernel: $0[1], recurrentKernel: $0[2], bias: $0[3], reverse: reverse)
            }
        }
        check.check([randomTensor([3, 2, 2], seed: 5), randomTensor([2, 9], seed: 6), randomTensor([3, 9], seed: 7)]) {
            gru($0[0], kernel: $0[1], recurrentKernel: $0[2])
        }
    }

    @Test func backwardReadsSavedGatesKeptAliveNotFreedBuffers() {
        #expect(gradientsSurvivePoolChurn([randomTensor([2, 4, 3], seed: 9), randomTensor([3, 6], seed: 10), randomTensor([2, 6], seed: 11)],
                                          counts: [2 * 4 * 8]) {
            gru($0[0], kernel: $0[1], recurrentKernel: $0[2])
        })
    }
}
