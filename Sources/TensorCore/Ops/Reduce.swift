/// Sums and means over all elements or over chosen axes; the backward broadcasts the gradient back.

extension Tensor {
    /// Sum of all elements, as a scalar tensor.
    public func sum() -> Tensor {
        var acc: Double = 0
        let p = pointer
        for i in 0..<count { acc += Double(p[i]) }
        let out = Tensor(shape: [], data: [Float(acc)])
        let shape = self.shape
        return out.record([self]) { [unowned self] g in
            self.accumulate(Tensor(shape: shape, repeating: g.item))
        }
    }

    /// Mean of all elements, as a scalar tensor.
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Sum over `axes` (negative counts from the end); `keepDims` keeps them as size 1.
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
        let axes = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
        precondition(axes.allSatisfy { $0 >= 0 && $0 < rank }, "sum: axes \(axes) out of range for shape \(shape)")
        let kept = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let out = reduced(to: kept)
        let result = out === self ? detached() : out
        let final = keepDims ? result : result.reshapedLeaf(shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))
        let inShape = shape
        return final.record([self]) { [unowned self] g in
            let gk = Tensor(shape: kept, data: g.scalars)
            let expanded = Tensor.zeros(inShape) + gk
            self.accumulate(expanded)
        }
    }

    /// Mean over `axes`.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        let n = axes.map { shape[$0 < 0 ? $0 + rank : $0] }.reduce(1, *)
        return sum(axes: axes, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    /// A new leaf with the same values and another shape of equal size (no recording).
    func reshapedLeaf(_ newShape: [Int]) -> Tensor {
        let t = Tensor(uninitialized: newShape)
        precondition(t.count == count, "reshape \(shape) -> \(newShape) changes the element count")
        t.pointer.update(from: pointer, count: count)
        return t
    }
}
