extension Tensor {
    /// The same values with another shape of equal size; one dimension may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshape \(shape) -> \(newShape): cannot infer -1")
            s[i] = count / known
        }
        let inShape = shape
        return reshapedLeaf(s).record([self]) { [unowned self] g in
            self.accumulate(g.reshapedLeaf(inShape))
        }
    }

    /// Drops the size-1 dimension `axis` (negative counts from the end).
    public func squeezed(axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank && shape[a] == 1, "squeeze: axis \(axis) of shape \(shape) is not 1")
        var s = shape
        s.remove(at: a)
        return reshaped(s)
    }

    /// Inserts a size-1 dimension at `axis` (0...rank; negative counts from the end, -1 appends).
    public func unsqueezed(axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        precondition(a >= 0 && a <= rank, "unsqueeze: axis \(axis) out of range for shape \(shape)")
        var s = shape
        s.insert(1, at: a)
        return reshaped(s)
    }

    /// The values repeated to `target` by NumPy broadcasting; the backward sums the gradient back.
    public func broadcast(to target: [Int]) -> Tensor {
        precondition(Broadcast.shape(shape, target) == target, "broadcast: \(shape) does not broadcast to \(target)")
        if target == shape { return reshaped(shape) }
        let out = Tensor(uninitialized: target)
        let src = pointer, dst = out.pointer
        let st = Broadcast.strides(of: shape, in: target)
        Broadcast.forEachRun(target, st, st) { o, i, _, n, step, _ in
            if step == 0 { (dst + o).update(repeating: src[i], count: n) }
            else { (dst + o).update(from: src + i, count: n) }
        }
        let inShape = shape
        return out.record([self]) { [unowned self] g in
            self.accumulate(g.reduced(to: inShape), owned: true)
        }
    }
}
