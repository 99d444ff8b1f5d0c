import Testing
import GradCheck
import TensorCore
import Foundation

@Suite struct ActivationTests {
    @Test func values() {
        #expect(Tensor(shape: [3], data: [-1, 3, 7]).relu6().scalars == [0, 3, 6])
        #expect(close(Tensor(shape: [2], data: [-2, 4]).leakyRelu().scalars, [-0.6, 4]))
        #expect(close(Tensor(shape: [2], data: [-2, 4]).leakyRelu(alpha: 0.2).scalars, [-0.4, 4]))
        #expect(close(Tensor(shape: [3], data: [0, 2, -2]).sigmoid().scalars, [0.5, 0.880797, 0.11920292]))
        #expect(close(Tensor(shape: [2], data: [0.5, -0.5]).tanh().scalars, [0.46211716, -0.46211716]))
        #expect(close(Tensor(shape: [3], data: [0, -3, 2]).softplus().scalars, [0.6931472, 0.04858735, 2.126928]))
        #expect(close(Tensor(shape: [1], data: [1]).silu().scalars, [0.7310586]))
        let g = Tensor(shape: [3], data: [1, -1, 0.5])
        #expect(close(g.gelu().scalars, [0.8413447, -0.15865525, 0.34573123]))
        #expect(close(g.gelu(approximate: true).scalars, [0.84119199, -0.15880801, 0.34571401]))
    }

    @Test func stableAtExtremes() {
        let s = Tensor(shape: [2], data: [-100, 100]).sigmoid().scalars
        #expect(s[0] >= 0 && s[0] < 1e-40 && s[1] == 1)
        let p = Tensor(shape: [2], data: [-100, 100]).softplus().scalars
        #expect(p[0] >= 0 && p[0] < 1e-40 && p[1] == 100)
        let x = Tensor(shape: [2], data: [-100, 100], requiresGrad: true)
        x.sigmoid().sum().backward()
        #expect(x.grad!.scalars.allSatisfy { $0.isFinite && $0 >= 0 && $0 < 1e-30 })
    }

    @Test func tanhMatchesLibmAcrossTheRange() {
        // Dense grid through the polynomial region (|x| < 1/16), the exp region and saturation.
        let xs = (0..<4001).map { Float($0 - 2000) * 0.005 }
        let y = Tensor(shape: [xs.count], data: xs).tanh().scalars
        var worst = 0.0
        for (x, v) in zip(xs, y) where x != 0 {
            let r = Foundation.tanh(Double(x))
            worst = Swift.max(worst, Swift.abs(Double(v) - r) / Swift.abs(r))
        }
        #expect(worst < 1e-6)
        #expect(Tensor(shape: [3], data: [0, 50, -50]).tanh().scalars == [0, 1, -1])
    }

    @Test func geluIsAccurateInTheNegativeTail() {
        // With (1 + erf) these come out ~10% (x = −5) or 100% (x = −8) wrong through cancellation.
        let y = Tensor(shape: [3], data: [-3, -5, -8]).gelu().scalars
        let expected: [Double] = [-0.004049694094890287, -1.4332578593959731e-06, -4.9767684594174555e-15]
        for (v, e) in zip(y, expected) { #expect(Swift.abs(Double(v) - e) / Swift.abs(e) < 1e-5) }
    }

    @Test func gradients() {
        let check = GradCheck()
        let wide = { (seed: UInt64) in randomTensor([4, 5], seed: seed, low: -4, high: 4) }
        check.check([awayFrom([0], [4, 5], seed: 51)]) { $0[0].relu() }
        check.check([awayFrom([0, 6], [4, 5], seed: 52, low: -2, high: 8)]) { $0[0].relu6() }
        check.check([awayFrom([0], [4, 5], seed: 53)]) { $0[0].leakyRelu(alpha: 0.2) }
        check.check([wide(54)]) { $0[0].sigmoid() }
        check.check([wide(55)]) { $0[0].tanh() }
        check.check([wide(56)]) { $0[0].softplus() }
        check.check([wide(57)]) { $0[0].silu() }
        check.check([wide(58)]) { $0[0].gelu() }
        check.check([wide(59)]) { $0[0].gelu(approximate: true) }
    }
}

/// fastSigmoid against sigmoid (libm exp) on a dense grid of [-100, 100] and at the special values.
@Test func fastSigmoidAgreesWithSigmoid() {
    let xs = (0...200_001).map { Float(-100) + Float($0) * 0.001 } + [0, -0.0, .infinity, -.infinity, 1e-30, -1e-30, 88.5, -88.5]
    let a = Tensor(shape: [xs.count], data: xs)
    let fast = a.fastSigmoid().scalars, exact = a.sigmoid().scalars
    var worst: Float = 0
    for (f, e) in zip(fast, exact) { worst = max(worst, abs(f - e)) }
    #expect(worst <= 2e-7, "largest absolute difference \(worst)")
    #expect(fast[xs.count - 6] == 1 && fast[xs.count - 5] >= 0 && fast[xs.count - 5] < 1e-38)
    #expect(Tensor(shape: [1], data: [.nan]).fastSigmoid().item.isNaN)
    // Relative error where sigmoid is tiny (x ≪ 0) stays small too.
    let small = Tensor(shape: [3], data: [-80, -50, -20])
    for (f, e) in zip(small.fastSigmoid().scalars, small.sigmoid().scalars) { #expect(abs(f - e) / e < 1e-6) }
}
