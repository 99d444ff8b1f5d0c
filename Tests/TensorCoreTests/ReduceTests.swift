import Testing
import GradCheck
import TensorCore

@Suite struct ReduceTests {
    @Test func maxMinTiesGoToTheFirst() {
        let x = Tensor(shape: [2, 3], data: [1, 3, 3, 2, 0, 2], requiresGrad: true)
        #expect(x.max(axes: [1]).scalars == [3, 2])
        #expect(x.min(axes: [-1]).scalars == [1, 0])
        #expect(x.max(axes: [0]).scalars == [2, 3, 3])
        #expect(x.max(axes: [0, 1]).scalars == [3])
        #expect(x.max(axes: [1], keepDims: true).shape == [2, 1])
        x.max(axes: [1]).sum().backward()
        #expect(x.grad?.scalars == [0, 1, 0, 1, 0, 0])
        x.zeroGrad()
        x.min(axes: [0]).backward(seed: Tensor(shape: [3], data: [1, 2, 3]))
        #expect(x.grad?.scalars == [1, 0, 0, 0, 2, 3])
    }

    @Test func argmax() {
        let x = Tensor(shape: [2, 3], data: [1, 3, 3, -2, -5, -1])
        #expect(x.argmax() == [1, 2])
        #expect(x.argmax(axis: 0) == [0, 0, 0])
        let y = Tensor(shape: [2, 2, 2], data: [0, 9, 1, 2, 5, 4, 3, 7])
        #expect(y.argmax(axis: 1) == [1, 0, 0, 1])
    }

    @Test func lastAxisFastPathMatchesDoubleSums() {
        let x = randomTensor([5, 37], seed: 71)
        let v = x.scalars
        let expected = (0..<5).map { r in Float((0..<37).reduce(0.0) { $0 + Double(v[r * 37 + $1]) }) }
        #expect(close(x.sum(axes: [-1]).scalars, expected, 1e-5))
        #expect(close(x.mean(axes: [1], keepDims: true).scalars, expected.map { $0 / 37 }, 1e-6))
        #expect(x.mean(axes: [1], keepDims: true).shape == [5, 1])
    }

    @Test func variance() {
        let x = Tensor(shape: [2, 4], data: [1, 2, 3, 4, 2, 2, 2, 2])
        #expect(close(x.variance(axes: [-1]).scalars, [1.25, 0]))
        #expect(close(x.variance(axes: [0]).scalars, [0.25, 0, 0.25, 1]))
    }

    @Test func gradients() {
        let check = GradCheck()
        check.check([randomTensor([3, 13], seed: 72)]) { $0[0].sum(axes: [-1]) }
        check.check([randomTensor([3, 13], seed: 73)]) { $0[0].mean(axes: [1], keepDims: true) }
        check.check([randomTensor([2, 3, 4], seed: 74)]) { $0[0].mean(axes: [0, 2]) }
        check.check([randomTensor([2, 3, 4], seed: 75)]) { $0[0].variance(axes: [1]) }
        // Distinct values 0.1 apart, so a ±0.01 perturbation never changes which element wins.
        var rng = RNG(seed: 76)
        let spread = { (shape: [Int]) in
            Tensor(shape: shape, data: rng.permutation(shape.reduce(1, *)).map { Float($0) * 0.1 })
        }
        check.check([spread([3, 4, 5])]) { $0[0].max(axes: [1]) }
        check.check([spread([3, 4, 5])]) { $0[0].min(axes: [0, 2], keepDims: true) }
        check.check([spread([3, 4])]) { $0[0].max(axes: [-1]) }
    }
}
