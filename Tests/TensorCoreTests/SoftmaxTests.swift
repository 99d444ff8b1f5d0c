import Testing
import GradCheck
import TensorCore

@Suite struct SoftmaxTests {
    @Test func valuesAndShiftInvariance() {
        let expected: [Float] = [0.09003057, 0.24472847, 0.66524096]
        #expect(close(Tensor(shape: [1, 3], data: [1, 2, 3]).softmax().scalars, expected))
        // Without max subtraction exp(1000) overflows to inf and the result is NaN.
        #expect(close(Tensor(shape: [3], data: [1000, 1001, 1002]).softmax().scalars, expected))
        #expect(close(Tensor(shape: [3], data: [1, 2, 3]).logSoftmax().scalars, [-2.407606, -1.407606, -0.407606]))
        let far = Tensor(shape: [2], data: [0, -200]).logSoftmax().scalars
        #expect(close(far, [0, -200]))  // softmax underflows to 0 here; its log would be -inf
    }

    @Test func otherAxis() {
        // Columns of [[1, 5], [2, 5], [3, 5]] normalised along axis 0.
        let x = Tensor(shape: [3, 2], data: [1, 5, 2, 5, 3, 5])
        let third: Float = 1.0 / 3
        #expect(close(x.softmax(axis: 0).scalars, [0.09003057, third, 0.24472847, third, 0.66524096, third]))
    }

    @Test func gradients() {
        let check = GradCheck()
        check.check([randomTensor([3, 5], seed: 61, low: -3, high: 3)]) { $0[0].softmax() }
        check.check([randomTensor([3, 5], seed: 62, low: -3, high: 3)]) { $0[0].logSoftmax() }
        check.check([randomTensor([2, 3, 4], seed: 63, low: -3, high: 3)]) { $0[0].softmax(axis: 1) }
        check.check([randomTensor([2, 3, 4], seed: 64, low: -3, high: 3)]) { $0[0].logSoftmax(axis: 0) }
    }
}
