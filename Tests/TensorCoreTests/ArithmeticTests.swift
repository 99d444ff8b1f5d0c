import Testing
import GradCheck
import TensorCore

@Suite struct ArithmeticTests {
    @Test func addBroadcastsAndItsGradientSumsBack() {
        let a = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3], data: [10, 20, 30])
        #expect((a + b).scalars == [11, 22, 33, 14, 25, 36])
        GradCheck().check([randomTensor([2, 3], seed: 1), randomTensor([3], seed: 2)]) { $0[0] + $0[1] }
        GradCheck().check([randomTensor([4, 1, 3], seed: 1), randomTensor([2, 1], seed: 2)]) { $0[0] + $0[1] }
    }

    @Test func subMulDivGradients() {
        let check = GradCheck()
        check.check([randomTensor([3, 4], seed: 3), randomTensor([1, 4], seed: 4)]) { $0[0] - $0[1] }
        check.check([randomTensor([3, 4], seed: 5), randomTensor([3, 1], seed: 6)]) { $0[0] * $0[1] }
        check.check([randomTensor([3, 4], seed: 7), randomTensor([4], seed: 8, low: 0.5, high: 2)]) { $0[0] / $0[1] }
        check.check([randomTensor([5], seed: 9)]) { -$0[0] }
    }

    @Test func sameTensorUsedTwiceAccumulates() {
        // x*x has gradient 2x: both uses of x must add into one gradient.
        let x = Tensor(shape: [3], data: [1, -2, 3], requiresGrad: true)
        (x * x).sum().backward()
        #expect(x.grad?.scalars == [2, -4, 6])
    }

    @Test func noGradRecordsNothing() {
        let x = Tensor(shape: [2], data: [1, 2], requiresGrad: true)
        let y = Tensor.withoutGrad { x * x }
        #expect(!y.requiresGrad)
    }
}

@Suite struct MatmulTests {
    @Test func matmulValues() {
        let a = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], data: [7, 8, 9, 10, 11, 12])
        #expect(matmul(a, b).scalars == [58, 64, 139, 154])
        #expect(matmul(a, a, transposeB: true).scalars == [14, 32, 32, 77])
        #expect(matmul(a, a, transposeA: true).shape == [3, 3])
    }


    @Test func matmulGradientsEveryTransposeAndBatch() {
        let check = GradCheck()
        for ta in [false, true] {
            for tb in [false, true] {
                let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 11)
                let b = randomTensor(tb ? [5, 4] : [4, 5], seed: 12)
                check.check([a, b]) { matmul($0[0], $0[1], transposeA: ta, transposeB: tb) }
            }
        }
        // Leading dimensions folded into rows, and true batches.
        check.check([randomTensor([2, 3, 4], seed: 13), randomTensor([4, 2], seed: 14)]) { matmul($0[0], $0[1]) }
        check.check([randomTensor([2, 3, 4], seed: 15), randomTensor([2, 4, 2], seed: 16)]) { matmul($0[0], $0[1]) }
        check.check([randomTensor([2, 4, 3], seed: 17), randomTensor([2, 2, 4], seed: 18)]) {
            matmul($0[0], $0[1], transposeA: true, transposeB: true)
        }
    }
}

@Suite struct ReduceAndShapeTests {
    @Test func sums() {
        let x = Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
        #expect(x.sum().item == 21)
        #expect(x.sum(axes: [0]).scalars == [5, 7, 9])
        #expect(x.sum(axes: [1], keepDims: true).shape == [2, 1])
        #expect(x.mean(axes: [-1]).scalars == [2, 5])
        let check = GradCheck()
        check.check([randomTensor([2, 3, 4], seed: 21)]) { $0[0].sum(axes: [1]) }
        check.check([randomTensor([2, 3, 4], seed: 22)]) { $0[0].mean(axes: [0, 2], keepDims: true) }
        check.check([randomTensor([2, 3], seed: 23)]) { $0[0].mean() }
    }

    @Test func reshapeAndRelu() {
        let check = GradCheck()
        check.check([randomTensor([2, 6], seed: 31)]) { $0[0].reshaped([3, -1]) * $0[0].reshaped([3, 4]) }
        // Keep inputs away from the kink at 0 where the finite difference is meaningless.
        let x = randomTensor([10], seed: 32).scalars.map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        check.check([Tensor(shape: [10], data: x)]) { $0[0].relu() }
    }
}

@Suite struct RNGTests {
    @Test func streamsAreIndependentAndReproducible() {
        var a = RNG(seed: 42, stream: [1, 2]), b = RNG(seed: 42, stream: [1, 2]), c = RNG(seed: 42, stream: [1, 3])
        let xa = (0..<4).map { _ in a.next() }, xb = (0..<4).map { _ in b.next() }, xc = (0..<4).map { _ in c.next() }
        #expect(xa == xb)
        #expect(xa != xc)
        var d = RNG(seed: 42, stream: [2, 1])
        #expect((0..<4).map { _ in d.next() } != xa)  // order of keys matters
    }

    @Test func distributionsHaveTheRightMoments() {
        var r = RNG(seed: 1)
        let n = 200_000
        let u = (0..<n).map { _ in Double(r.uniform()) }
        let z = (0..<n).map { _ in Double(r.normal()) }
        let mu = u.reduce(0, +) / Double(n), mz = z.reduce(0, +) / Double(n)
        let vz = z.map { ($0 - mz) * ($0 - mz) }.reduce(0, +) / Double(n)
        #expect(abs(mu - 0.5) < 0.005)
        #expect(abs(mz) < 0.01 && abs(vz - 1) < 0.01)
        let p = r.permutation(10)
        #expect(p.sorted() == Array(0..<10) && p != Array(0..<10))
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[r.categorical([1, 2, 3])] += 1 }
        #expect(abs(Double(counts[2]) / 30_000 - 0.5) < 0.02)
        #expect(abs(Double((0..<10_000).filter { _ in r.bernoulli(0.3) }.count) / 10_000 - 0.3) < 0.02)
    }
}

/// A dimension of 1 broadcasts to the other side's size even when that is 0 (NumPy's rule): `max` made it 1, and the
/// loops then read an element of the empty side (BirdNET's odd-input-shape test caught it in a debug build).
@Test func broadcastingAOneAgainstAZeroGivesZero() {
    #expect(Broadcast.shape([1], [0]) == [0])
    #expect(Broadcast.shape([0], [1]) == [0])
    #expect(Broadcast.shape([2, 1], [1, 0]) == [2, 0])
    #expect(Broadcast.shape([3], [0]) == nil)
    #expect(Broadcast.shape([2, 1], [3]) == [2, 3])
}
