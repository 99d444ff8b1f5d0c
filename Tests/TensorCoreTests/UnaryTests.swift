import Testing
import GradCheck
import TensorCore

@Suite struct UnaryTests {
    @Test func values() {
        #expect(close(Tensor(shape: [3], data: [0, 1, -1]).exp().scalars, [1, 2.7182817, 0.36787945]))
        #expect(close(Tensor(shape: [3], data: [1, 2.7182817, 0.5]).log().scalars, [0, 1, -0.6931472]))
        #expect(Tensor(shape: [2], data: [4, 2.25]).sqrt().scalars == [2, 1.5])
        #expect(close(Tensor(shape: [2], data: [2, 3]).pow(3).scalars, [8, 27]))
        #expect(close(Tensor(shape: [2], data: [8, 0.25]).pow(1.0 / 3).scalars, [2, 0.62996054]))
        #expect(Tensor(shape: [2], data: [-3, 5]).pow(2).scalars == [9, 25])
        #expect(Tensor(shape: [4], data: [-2, 0.5, 1, 3]).clamp(min: 0, max: 1).scalars == [0, 0.5, 1, 1])
        #expect(Tensor(shape: [3], data: [-2, 0, 3]).abs().scalars == [2, 0, 3])
        #expect(Tensor(shape: [2], data: [-3, 0.5]).square().scalars == [9, 0.25])
    }

    @Test func clampPassesNoGradientOutside() {
        let x = Tensor(shape: [4], data: [-2, 0.5, 0.9, 3], requiresGrad: true)
        x.clamp(min: 0, max: 1).sum().backward()
        #expect(x.grad?.scalars == [0, 1, 1, 0])
    }

    @Test func gradients() {
        let check = GradCheck()
        check.check([randomTensor([3, 4], seed: 41)]) { $0[0].exp() }
        check.check([randomTensor([3, 4], seed: 42, low: 0.5, high: 2)]) { $0[0].log() }
        check.check([randomTensor([3, 4], seed: 43, low: 0.5, high: 2)]) { $0[0].sqrt() }
        check.check([randomTensor([3, 4], seed: 44, low: 0.5, high: 2)]) { $0[0].pow(2.5) }
        check.check([randomTensor([3, 4], seed: 45, low: 0.5, high: 2)]) { $0[0].pow(-1) }
        check.check([randomTensor([3, 4], seed: 46)]) { $0[0].square() }
        check.check([awayFrom([0], [3, 4], seed: 47)]) { $0[0].abs() }
        check.check([awayFrom([-0.5, 0.5], [3, 4], seed: 48)]) { $0[0].clamp(min: -0.5, max: 0.5) }
    }
}
