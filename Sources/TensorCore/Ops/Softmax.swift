import Foundation

/// Softmax and log-softmax along one axis: max-subtracted forward, closed-form backward.

extension Tensor {
    /// The shape viewed as [outer, n, inner] around `axis` (negative counts from the end).
    func split(around axis: Int, _ op: String) -> (outer: Int, n: Int, inner: Int) {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "\(op): axis \(axis) out of range for shape \(shape)")
        return (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *))
    }

    /// exp(x − max) / Σ exp(x − max) along `axis` (default: the last).
    public func softmax(axis: Int = -1) -> Tensor {
        let (outer, n, inner) = split(around: axis, "softmax")
        let out = Tensor(uninitialized: shape)
        Tensor.softmaxForward(pointer, out.pointer, outer, n, inner, log: false)
        return out.record([self]) { [unowned self, unowned out] g in
            // dx = y ⊙ (g − Σ g⊙y)
            let gi = Tensor(uninitialized: self.shape)
            Tensor.alongAxis(outer, n, inner) { base, stride in
                let y = out.pointer + base, gp = g.pointer + base, d = gi.pointer + base
                var dot: Float = 0
                for k in 0..<n { dot += gp[k * stride] * y[k * stride] }
                for k in 0..<n { d[k * stride] = y[k * stride] * (gp[k * stride] - dot) }
            }
            self.accumulate(gi)
        }
    }

    /// x − max − log Σ exp(x − max) along `axis` (default: the last); finite even where softmax underflows.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let (outer, n, inner) = split(around: axis, "logSoftmax")
        let out = Tensor(uninitialized: shape)
        Tensor.softmaxForward(pointer, out.pointer, outer, n, inner, log: true)
        return out.record([self]) { [unowned self, unowned out] g in
            // dx = g − softmax ⊙ Σ g, with softmax = exp(y)
            let gi = Tensor(uninitialized: self.shape)
            Tensor.alongAxis(outer, n, inner) { base, stride in
                let y = out.pointer + base, gp = g.pointer + base, d = gi.pointer + base
                var total: Float = 0
                for k in 0..<n { total += gp[k * stride] }
                for k in 0..<n { d[k * stride] = gp[k * stride] - Foundation.exp(y[k * stride]) * total }
            }
            self.accumulate(gi)
        }
    }

    /// Calls `body(offset of the first element, stride)` once per line along the middle axis of [outer, n, inner].
    @inline(__always)
    static func alongAxis(_ outer: Int, _ n: Int, _ inner: Int, _ body: (Int, Int) -> Void) {
        for o in 0..<outer {
            for j in 0..<inner { body(o * n * inner + j, inner) }
        }
    }

    static func softmaxForward(_ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                               _ outer: Int, _ n: Int, _ inner: Int, log: Bool) {
        guard n > 0 else { return }
        alongAxis(outer, n, inner) { base, s in
            let xp = x + base, yp = y + base
            var m = xp[0]
            for k in 1..<n where xp[k * s] > m { m = xp[k * s] }
            var total: Float = 0
            for k in 0..<n {
                let e = Foundation.exp(xp[k * s] - m)
                yp[k * s] = e
                total += e
            }
            if log {
                let lse = m + Foundation.log(total)
                for k in 0..<n { yp[k * s] = xp[k * s] - lse }
            } else {
                let inv = 1 / total
                for k in 0..<n { yp[k * s] *= inv }
            }
        }
    }
}
