/// Joining tensors along an axis; the backward hands each input its own box of the gradient.

/// `tensors` joined along `axis` (negative counts from the end); every other dimension must agree.
public func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concat: no tensors")
    let first = tensors[0], rank = first.rank
    let a = axis < 0 ? axis + rank : axis
    precondition(a >= 0 && a < rank, "concat: axis \(axis) out of range for shape \(first.shape)")
    for t in tensors {
        precondition(t.rank == rank && (0..<rank).allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] },
                     "concat: shape \(t.shape) does not match \(first.shape) outside axis \(axis)")
    }
    var outShape = first.shape
    outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
    let out = Tensor(uninitialized: outShape)
    var offsets: [Int] = []
    var at = 0
    for t in tensors {
        offsets.append(at)
        var start = [Int](repeating: 0, count: rank)
        start[a] = at
        Tensor.copyBox(t.shape, from: t.pointer, t.shape, at: [], to: out.pointer, outShape, at: start)
        at += t.shape[a]
    }
    return out.record(tensors) { g in
        for (t, off) in zip(tensors, offsets) where t.requiresGrad {
            var start = [Int](repeating: 0, count: rank)
            start[a] = off
            let gi = Tensor(uninitialized: t.shape)
            Tensor.copyBox(t.shape, from: g.pointer, outShape, at: start, to: gi.pointer, t.shape, at: [])
            t.accumulate(gi)
        }
    }
}

/// `tensors` (all of one shape) stacked along a new axis `axis` (0...rank; negative counts from the end).
public func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "stack: no tensors")
    precondition(tensors.allSatisfy { $0.shape == tensors[0].shape }, "stack: shapes differ \(tensors.map(\.shape))")
    return concat(tensors.map { $0.unsqueezed(axis: axis) }, axis: axis < 0 ? axis + tensors[0].rank + 1 : axis)
}
