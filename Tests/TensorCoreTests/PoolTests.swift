import Testing
import GradCheck
import TensorCore

/// Values spaced 0.1 apart in random order: no two elements of a window are within the finite-difference step,
/// so the arg-max never flips while the gradient check nudges them.
private func distinctTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = RNG(seed: seed)
    let n = shape.reduce(1, *)
    return Tensor(shape: shape, data: rng.permutation(n).map { Float($0) * 0.1 - Float(n) * 0.05 })
}

@Suite struct PoolTests {
    @Test func pool1dValuesByHand() {
        let x = Tensor(shape: [1, 5, 1], data: [1, 3, 2, 5, 4])
        #expect(maxPool1d(x, size: 2).scalars == [3, 5])
        // "same", stride 2 on L 5: out 3, the last window holds only the real element 4.
        #expect(maxPool1d(x, size: 2, padding: .same).scalars == [3, 5, 4])
        #expect(avgPool1d(x, size: 2, padding: .same).scalars == [2, 3.5, 4])
        #expect(maxPool1d(x, size: 3, stride: 1).scalars == [3, 5, 5])
        let avg = avgPool1d(x, size: 3, stride: 2).scalars
        #expect(avg.count == 2 && abs(avg[0] - 2) < 1e-6 && abs(avg[1] - 11.0 / 3.0) < 1e-6)
    }

    @Test func pool2dValuesByHand() {
        let x = Tensor(shape: [1, 3, 3, 2], data: (1...18).map { Float($0) * ($0 % 2 == 0 ? -1 : 1) })
        // Channel 0 holds 1,3,...,17, channel 1 holds -2,-4,...,-18.
        #expect(maxPool2d(x, size: (2, 2), strides: (1, 1)).scalars == [9, -2, 11, -4, 15, -8, 17, -10])
        // "same" on 3: one padded row/column after; edge windows average only their 2 (or 1) real elements.
        #expect(avgPool2d(x, size: (2, 2), padding: .same).scalars == [5, -6, 8, -9, 14, -15, 17, -18])
        #expect(globalAvgPool(x).scalars == [9, -10])
        #expect(globalAvgPool(Tensor(shape: [2, 2, 1], data: [1, 2, 3, 5])).scalars == [1.5, 4])
    }

    @Test func poolGradients() {
        // Pooling is piecewise linear; away from ties the finite difference is exact: default tolerances.
        let check = GradCheck()
        check.check([distinctTensor([2, 7, 3], seed: 1)]) { maxPool1d($0[0], size: 2, padding: .same) }
        check.check([distinctTensor([2, 7, 3], seed: 2)]) { maxPool1d($0[0], size: 3, stride: 1) }
        // Tiling windows with a row left over (the backward writes each input row once), and windows with gaps.
        check.check([distinctTensor([2, 7, 3], seed: 7)]) { maxPool1d($0[0], size: 2) }
        check.check([distinctTensor([2, 8, 3], seed: 8)]) { maxPool1d($0[0], size: 2, stride: 3) }
        check.check([distinctTensor([2, 5, 4, 2], seed: 3)]) { maxPool2d($0[0], size: (2, 2), padding: .same) }
        check.check([randomTensor([2, 7, 3], seed: 4)]) { avgPool1d($0[0], size: 3, stride: 2, padding: .same) }
        check.check([randomTensor([2, 5, 4, 2], seed: 5)]) { avgPool2d($0[0], size: (3, 2), strides: (2, 1), padding: .same) }
        check.check([randomTensor([2, 3, 4, 2], seed: 6)]) { globalAvgPool($0[0]) }
    }

    /// Overlapping 3×3/2 windows (AlexNet's pool) on an input large enough to be split over samples: every output
    /// is its window's largest value.
    @Test func largeOverlappingMaxPool2dIsTheWindowMaximum() {
        let x = randomTensor([8, 41, 21, 12], seed: 9)
        let y = maxPool2d(x, size: (3, 3), strides: (2, 2))
        #expect(y.shape == [8, 20, 10, 12] && y.count >= 1 << 14)
        let xs = x.scalars
        var ref: [Float] = []
        for s in 0..<8 { for i in 0..<20 { for j in 0..<10 { for c in 0..<12 {
            var m = -Float.infinity
            for a in 0..<3 { for b in 0..<3 { m = max(m, xs[((s * 41 + 2 * i + a) * 21 + 2 * j + b) * 12 + c]) } }
            ref.append(m)
        }}}}
        #expect(y.scalars == ref)
    }

    @Test func maxPoolGradientGoesToTheArgMaxOnly() {
        let x = Tensor(shape: [1, 4, 1], data: [1, 3, 2, 0], requiresGrad: true)
        maxPool1d(x, size: 2).sum().backward()
        #expect(x.grad?.scalars == [0, 1, 1, 0])
        // The last row lies in no window: its gradient is 0, however large it is.
        let y = Tensor(shape: [1, 5, 1], data: [1, 3, 2, 0, 9], requiresGrad: true)
        maxPool1d(y, size: 2).sum().backward()
        #expect(y.grad?.scalars == [0, 1, 1, 0, 0])
    }
}
