import Testing
import TensorCore

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
