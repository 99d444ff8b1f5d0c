import TensorCore

/// PAD (zeros), REVERSE_V2 and TRANSPOSE. Float PAD and TRANSPOSE are TensorCore's padded and permuted.
enum LayoutOps {
    static let pad = OpDefinition(code: 34, name: "PAD") { site in
        try site.expectValue(and: "paddings")
        return { inputs in
            let x = try inputs.value(0), flat = try inputs.value(1).ints("paddings")
            let rank = x.shape.count
            guard try inputs.value(1).shape == [rank, 2] else {
                throw OpFailure("paddings shape \(try inputs.value(1).shape) is not [\(rank), 2] for input \(x.shape)")
            }
            let pairs = (0..<rank).map { (before: flat[2 * $0], after: flat[2 * $0 + 1]) }
            guard pairs.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else { throw OpFailure("negative paddings \(flat)") }
            _ = try ElementCount.checked(zip(x.shape, pairs).map { $0 + $1.before + $1.after })
            switch x {
            case let .float32(t): return [.float32(t.padded(pairs))]
            case let .int32(a): return [.int32(padded(a, pairs, fill: 0))]
            case let .complex64(a): return [.complex64(padded(a, pairs, fill: Complex64(re: 0, im: 0)))]
            }
        }
    }

    static let reverseV2 = OpDefinition(code: 105, name: "REVERSE_V2") { site in
        try site.expectValue(and: "axis")
        return { inputs in
            let x = try inputs.value(0)
            let axes = try ReductionOps.normalised(try inputs.value(1).ints("axis"), rank: x.shape.count)
            let strides = StridedView.strides(of: x.shape)
            var base = 0, steps = strides
            for a in axes where x.shape[a] > 0 {
                base += (x.shape[a] - 1) * strides[a]
                steps[a] = -strides[a]
            }
            return [x.relayout(x.shape, StridedView(base: base, steps: steps, lengths: x.shape))]
        }
    }

    static let transpose = OpDefinition(code: 39, name: "TRANSPOSE") { site in
        try site.expectValue(and: "perm")
        return { inputs in
            let x = try inputs.value(0)
            let rank = x.shape.count
            let perm = try inputs.value(1).ints("perm").map { $0 < 0 ? $0 + rank : $0 }
            guard perm.sorted() == Array(0..<rank) else { throw OpFailure("perm \(perm) is not a permutation of \(rank) axes") }
            if case let .float32(t) = x { return [.float32(t.permuted(perm))] }
            let strides = StridedView.strides(of: x.shape)
            return [x.relayout(perm.map { x.shape[$0] }, StridedView(base: 0, steps: perm.map { strides[$0] },
                                                                      lengths: perm.map { x.shape[$0] }))]
        }
    }

    /// `a` surrounded by `fill`.
    private static func padded<T>(_ a: HostArray<T>, _ pairs: [(before: Int, after: Int)], fill: T) -> HostArray<T> {
        let shape = zip(a.shape, pairs).map { $0 + $1.before + $1.after }
        var out = [T](repeating: fill, count: shape.reduce(1, *))
        let outStrides = StridedView.strides(of: shape)
        var index = [Int](repeating: 0, count: a.shape.count)
        for v in a.values {
            var o = 0
            for d in 0..<index.count { o += (index[d] + pairs[d].before) * outStrides[d] }
            out[o] = v
            var d = index.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < a.shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return HostArray(shape: shape, values: out)
    }
}
