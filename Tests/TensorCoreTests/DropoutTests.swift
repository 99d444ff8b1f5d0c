import Testing
import GradCheck
import TensorCore

@Suite struct DropoutTests {
    @Test func maskIsInvertedBernoulliAndReproducible() {
        var r1 = RNG(seed: 5), r2 = RNG(seed: 5)
        let m1 = dropoutMask(shape: [100, 100], rate: 0.25, rng: &r1).scalars
        let m2 = dropoutMask(shape: [100, 100], rate: 0.25, rng: &r2).scalars
        #expect(m1 == m2)
        #expect(Set(m1) == [0, Float(1) / 0.75])
        let dropped = Double(m1.filter { $0 == 0 }.count) / 10_000
        #expect(Swift.abs(dropped - 0.25) < 0.02)
        #expect(Swift.abs(m1.reduce(0, +) / 10_000 - 1) < 0.03)  // expectation preserved
    }

    @Test func maskIsExactlyUniformBelowRate() {
        // The integer fast path must drop exactly the elements whose uniform() draw is below the rate.
        for rate: Float in [0.1, 0.37, 0.5, 0.999] {
            var a = RNG(seed: 11), b = RNG(seed: 11)
            let mask = dropoutMask(shape: [5000], rate: rate, rng: &a).scalars
            let expected = (0..<5000).map { _ in b.uniform() < rate ? 0 : 1 / (1 - rate) }
            #expect(mask == expected)
        }
    }

    @Test func drawsOnePerElementWhateverTheRate() {
        for rate: Float in [0, 0.5, 0.9] {
            var used = RNG(seed: 9), reference = RNG(seed: 9)
            _ = dropout(Tensor.zeros([7, 3]), rate: rate, rng: &used)
            for _ in 0..<21 { _ = reference.next() }
            #expect(used == reference)
        }
    }

    @Test func fusedDropoutIsExactlyMaskTimesInput() {
        // dropout(x, rate:) draws its mask and multiplies in one pass: same values, gradient and RNG state as the
        // two-step form.
        let x = randomTensor([8, 33], seed: 103)
        x.setRequiresGrad(true)
        var a = RNG(seed: 21), b = RNG(seed: 21)
        let y = dropout(x, rate: 0.3, rng: &a)
        let mask = dropoutMask(shape: x.shape, rate: 0.3, rng: &b)
        #expect(a == b)
        #expect(y.scalars == zip(x.scalars, mask.scalars).map { $0 * $1 })
        let seed = randomTensor(x.shape, seed: 104)
        y.backward(seed: seed)
        #expect(x.grad?.scalars == zip(seed.scalars, mask.scalars).map { $0 * $1 })
        #expect(mask.scalars.contains(0) && mask.scalars.contains { $0 > 1 })
    }

    @Test func rateZeroIsIdentityAndGradientIsTheMask() {
        var rng = RNG(seed: 3)
        let x = randomTensor([4, 6], seed: 101)
        #expect(dropout(x, rate: 0, rng: &rng).scalars == x.scalars)
        let mask = dropoutMask(shape: [4, 6], rate: 0.5, rng: &rng)
        x.setRequiresGrad(true)
        let y = dropout(x, mask: mask)
        #expect(y.scalars == zip(x.scalars, mask.scalars).map { $0 * $1 })
        y.sum().backward()
        #expect(x.grad?.scalars == mask.scalars)
        // A channel mask broadcast over the other axes (spatial dropout).
        let channels = dropoutMask(shape: [1, 6], rate: 0.5, rng: &rng)
        GradCheck().check([randomTensor([4, 6], seed: 102)]) { dropout($0[0], mask: channels) }
    }
}

@Suite struct RNGJumpTests {
    @Test func advanceEqualsDrawingOneByOne() {
        for (seed, n) in [(UInt64(1), 0), (2, 255), (3, 256), (4, 1000), (5, 127_488), (6, 300_001)] {
            var jumped = RNG(seed: seed, stream: [seed, 7]), walked = jumped
            jumped.advance(by: n)
            for _ in 0..<n { _ = walked.next() }
            #expect(jumped == walked, "seed \(seed), n \(n)")
            #expect(jumped.next() == walked.next())
        }
    }

    @Test func largeDropoutDrawnInPartsIsTheSerialStream() {
        // Above the size where the draws are split, the mask, output and final generator state are still exactly
        // those of one generator drawing every element in order.
        let shape = [3, 257, 100]
        let x = randomTensor(shape, seed: 105)
        var a = RNG(seed: 31), b = RNG(seed: 31)
        let y = dropout(x, rate: 0.3, rng: &a)
        let count = x.count
        let expectedMask = (0..<count).map { _ in b.uniform() < 0.3 ? Float(0) : 1 / (1 - Float(0.3)) }
        #expect(a == b)
        #expect(y.scalars == zip(x.scalars, expectedMask).map { $0 * $1 })
    }
}
