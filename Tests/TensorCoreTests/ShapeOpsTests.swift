import Testing
import GradCheck
import TensorCore

@Suite struct ShapeOpsTests {
    let x234 = Tensor(shape: [2, 3, 4], data: (0..<24).map(Float.init))

    @Test func permuteValuesOnEveryPath() {
        #expect(Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]).transposed().scalars == [1, 4, 2, 5, 3, 6])
        // General path: out[k, i, j] = x[i, j, k] = 12i + 4j + k.
        let p = x234.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        #expect(p.scalars == grid(4, 2, 3) { k, i, j in 12 * i + 4 * j + k })
        // Last axis kept (row copies): out[j, i, k] = x[i, j, k].
        let q = x234.permuted([1, 0, 2])
        #expect(q.scalars == grid(3, 2, 4) { j, i, k in 12 * i + 4 * j + k })
        // Batched transpose: out[i, k, j].
        let t = x234.transposed()
        #expect(t.shape == [2, 4, 3])
        #expect(t.scalars == grid(2, 4, 3) { i, k, j in 12 * i + 4 * j + k })
    }

    @Test func permuteMatchesIndexArithmeticForEveryPermutationOf4D() {
        // A size-1 axis and merge-able runs exercise the coalescing; all 24 orders of [2, 1, 3, 4].
        let shape = [2, 1, 3, 4]
        let x = Tensor(shape: shape, data: (0..<24).map(Float.init))
        let strides = [12, 12, 4, 1]
        for perm in permutations([0, 1, 2, 3]) {
            let y = x.permuted(perm)
            #expect(y.shape == perm.map { shape[$0] })
            var expected: [Float] = []
            let o = y.shape
            for a in 0..<o[0] { for b in 0..<o[1] { for c in 0..<o[2] { for d in 0..<o[3] {
                let idx = [a, b, c, d]
                var flat = 0
                for k in 0..<4 { flat += idx[k] * strides[perm[k]] }
                expected.append(Float(flat))
            } } } }
            #expect(y.scalars == expected, "perm \(perm)")
        }
    }

    @Test func concatStackSlicePad() {
        let a = Tensor(shape: [2, 1], data: [1, 2]), b = Tensor(shape: [2, 2], data: [3, 4, 5, 6])
        #expect(concat([a, b], axis: 1).scalars == [1, 3, 4, 2, 5, 6])
        #expect(concat([b, b], axis: 0).scalars == [3, 4, 5, 6, 3, 4, 5, 6])
        let s = stack([a, a * 10], axis: -1)
        #expect(s.shape == [2, 1, 2] && s.scalars == [1, 10, 2, 20])
        #expect(stack([a, a * 10]).shape == [2, 2, 1])
        let sl = x234.sliced([1..<2, 0..<3, 1..<3])
        #expect(sl.shape == [1, 3, 2] && sl.scalars == [13, 14, 17, 18, 21, 22])
        #expect(x234.sliced(axis: 1, 2..<3).scalars == [8, 9, 10, 11, 20, 21, 22, 23])
        let pd = Tensor(shape: [1, 2], data: [1, 2]).padded([(1, 0), (0, 2)], value: -1)
        #expect(pd.shape == [2, 4] && pd.scalars == [-1, -1, -1, -1, 1, 2, -1, -1])
    }

    @Test func reshapeFamily() {
        let a = Tensor(shape: [2, 1, 3], data: [1, 2, 3, 4, 5, 6])
        #expect(a.squeezed(axis: 1).shape == [2, 3])
        #expect(a.unsqueezed(axis: -1).shape == [2, 1, 3, 1])
        #expect(a.unsqueezed(axis: 0).shape == [1, 2, 1, 3])
        let b = Tensor(shape: [2, 1], data: [1, 2]).broadcast(to: [3, 2, 2])
        #expect(b.scalars == [1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2])
    }

    @Test func gradients() {
        let check = GradCheck()
        check.check([randomTensor([3, 5], seed: 81)]) { $0[0].transposed() }
        check.check([randomTensor([2, 3, 4], seed: 82)]) { $0[0].transposed() }
        check.check([randomTensor([2, 3, 4], seed: 83)]) { $0[0].permuted([2, 0, 1]) }
        check.check([randomTensor([2, 3, 4, 2], seed: 84)]) { $0[0].permuted([0, 2, 1, 3]) }
        check.check([randomTensor([2, 3, 2, 2], seed: 95)]) { $0[0].permuted([0, 2, 3, 1]) }
        check.check([randomTensor([2, 3, 2, 2], seed: 96)]) { $0[0].permuted([3, 1, 0, 2]) }
        check.check([randomTensor([2, 3], seed: 85), randomTensor([2, 2], seed: 86)]) { concat($0, axis: 1) }
        check.check([randomTensor([1, 3], seed: 87), randomTensor([2, 3], seed: 88)]) { concat($0, axis: 0) }
        check.check([randomTensor([2, 3], seed: 89), randomTensor([2, 3], seed: 90)]) { stack($0, axis: 1) }
        check.check([randomTensor([3, 4, 5], seed: 91)]) { $0[0].sliced([1..<3, 0..<4, 2..<5]) }
        check.check([randomTensor([2, 3], seed: 92)]) { $0[0].padded([(1, 2), (0, 1)], value: 0.5) }
        check.check([randomTensor([3, 1], seed: 93)]) { $0[0].broadcast(to: [2, 3, 4]) }
        check.check([randomTensor([2, 1, 3], seed: 94)]) { $0[0].squeezed(axis: 1).unsqueezed(axis: 0) }
    }
}

/// Values f(a, b, c) for every index of an [n0, n1, n2] array, row-major.
private func grid(_ n0: Int, _ n1: Int, _ n2: Int, _ f: (Int, Int, Int) -> Int) -> [Float] {
    var out: [Float] = []
    for a in 0..<n0 { for b in 0..<n1 { for c in 0..<n2 { out.append(Float(f(a, b, c))) } } }
    return out
}

/// Every ordering of `items`.
private func permutations(_ items: [Int]) -> [[Int]] {
    if items.count <= 1 { return [items] }
    return items.indices.flatMap { i -> [[Int]] in
        var rest = items
        let head = rest.remove(at: i)
        return permutations(rest).map { [head] + $0 }
    }
}
