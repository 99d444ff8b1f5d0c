/// Reductions: sum, mean, variance, max, min over all elements or chosen axes, and argmax.
/// The backward of sum/mean broadcasts the gradient back; that of max/min routes it to the chosen element.

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
        scaledSum(axes: axes, keepDims: keepDims, mean: false)
    }

    /// Mean over `axes`.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        scaledSum(axes: axes, keepDims: keepDims, mean: true)
    }

    /// Population variance (divides by n, as Keras's BatchNormalization does) over `axes`.
    public func variance(axes: [Int], keepDims: Bool = false) -> Tensor {
        let centred = self - mean(axes: axes, keepDims: true)
        return centred.square().mean(axes: axes, keepDims: keepDims)
    }

    /// Largest element over `axes`; the gradient goes to the first maximal element of each reduced group.
    public func max(axes: [Int], keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, "max", >)
    }

    /// Smallest element over `axes`; the gradient goes to the first minimal element of each reduced group.
    public func min(axes: [Int], keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, "min", <)
    }

    /// Index along `axis` of the first largest element of each line, in row-major order of the other axes.
    public func argmax(axis: Int = -1) -> [Int] {
        let (outer, n, inner) = split(around: axis, "argmax")
        precondition(n > 0, "argmax: axis \(axis) of shape \(shape) is empty")
        var result = [Int](repeating: 0, count: outer * inner)
        let p = pointer
        for o in 0..<outer {
            for j in 0..<inner {
                let base = p + o * n * inner + j
                var best = base[0], at = 0
                for k in 1..<n where base[k * inner] > best { best = base[k * inner]; at = k }
                result[o * inner + j] = at
            }
        }
        return result
    }

    /// Normalises `axes` and returns the reduced shape with the axes kept as 1, and without them.
    private func reduction(_ axes: [Int], _ op: String) -> (set: Set<Int>, kept: [Int], dropped: [Int]) {
        let set = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
        precondition(set.allSatisfy { $0 >= 0 && $0 < rank }, "\(op): axes \(axes) out of range for shape \(shape)")
        let kept = shape.enumerated().map { set.contains($0.offset) ? 1 : $0.element }
        let dropped = shape.enumerated().filter { !set.contains($0.offset) }.map(\.element)
        return (set, kept, dropped)
    }

    private func scaledSum(axes: [Int], keepDims: Bool, mean: Bool) -> Tensor {
        let (set, kept, dropped) = reduction(axes, mean ? "mean" : "sum")
        let n = count / Swift.max(kept.reduce(1, *), 1)
        let scale: Float = mean ? 1 / Float(Swift.max(n, 1)) : 1
        let out = Tensor(uninitialized: keepDims ? kept : dropped)
        let src = pointer, dst = out.pointer
        let lastOnly = set == [rank - 1]
        if lastOnly {
            // The common case (features, logits): contiguous rows, summed eight lanes at a time.
            for r in 0..<out.count { dst[r] = rowSum(src + r * n, n) * scale }
        } else {
            out.pointer.update(repeating: 0, count: out.count)
            let st = Broadcast.strides(of: kept, in: shape)
            Broadcast.forEachRun(shape, st, st) { o, t, _, len, step, _ in
                if step == 0 { dst[t] += rowSum(src + o, len) }
                else { for j in 0..<len { dst[t + j] += src[o + j] } }
            }
            if mean { for i in 0..<out.count { dst[i] *= scale } }
        }
        let inShape = shape
        return out.record([self]) { [unowned self] g in
            let gi = Tensor(uninitialized: inShape)
            let gp = g.pointer, d = gi.pointer
            if lastOnly {
                for r in 0..<g.count {
                    let v = gp[r] * scale
                    (d + r * n).update(repeating: v, count: n)
                }
            } else {
                let st = Broadcast.strides(of: kept, in: inShape)
                Broadcast.forEachRun(inShape, st, st) { o, t, _, len, step, _ in
                    for j in 0..<len { d[o + j] = gp[t + j * step] * scale }
                }
            }
            self.accumulate(gi)
        }
    }

    private func extremum(axes: [Int], keepDims: Bool, _ op: String, _ better: (Float, Float) -> Bool) -> Tensor {
        let (_, kept, dropped) = reduction(axes, op)
        precondition(count > 0, "\(op): empty tensor \(shape)")
        let out = Tensor(uninitialized: keepDims ? kept : dropped)
        // Flat input index of the winner of each output element; -1 until the first element arrives.
        var winner = [Int](repeating: -1, count: out.count)
        let src = pointer, dst = out.pointer
        let st = Broadcast.strides(of: kept, in: shape)
        winner.withUnsafeMutableBufferPointer { w in
            // Row-major traversal with a strict comparison keeps the first of equal values.
            Broadcast.forEachRun(shape, st, st) { o, t, _, len, step, _ in
                for j in 0..<len {
                    let ti = t + j * step, v = src[o + j]
                    if w[ti] < 0 || better(v, dst[ti]) { dst[ti] = v; w[ti] = o + j }
                }
            }
        }
        let inShape = shape
        return out.record([self]) { [unowned self] g in
            let gi = Tensor.zeros(inShape)
            let gp = g.pointer, d = gi.pointer
            for (i, at) in winner.enumerated() { d[at] += gp[i] }
            self.accumulate(gi)
        }
    }

    /// A new leaf with the same values and another shape of equal size (no recording), sharing this tensor's
    /// storage instead of copying it (a flatten copied 1 MB each way per batch). Safe because nothing writes an
    /// op's result in place: only parameters (the optimiser) and gradients (`accumulate`) are written, and a
    /// gradient handed over as a view belongs to a tensor whose gradient is dropped right after its backward.
    func reshapedLeaf(_ newShape: [Int]) -> Tensor {
        let t = Tensor(sharing: self, shape: newShape)
        precondition(t.count == count, "reshape \(shape) -> \(newShape) changes the element count")
        return t
    }
}

/// Sum of `n` contiguous floats with eight independent lanes (vectorises, and rounds less than one running sum).
@inline(__always)
func rowSum(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
    var acc = SIMD8<Float>(repeating: 0)
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i + 8 <= n {
        acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    var s = acc.sum()
    while i < n { s += p[i]; i += 1 }
    return s
}
