extension Tensor {
    /// max(x, 0); the gradient passes where x > 0.
    public func relu() -> Tensor {
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer
        for i in 0..<count { y[i] = x[i] > 0 ? x[i] : 0 }
        return out.record([self]) { [unowned self] g in
            let gi = Tensor(uninitialized: self.shape)
            let gp = g.pointer, dst = gi.pointer, x = self.pointer
            for i in 0..<self.count { dst[i] = x[i] > 0 ? gp[i] : 0 }
            self.accumulate(gi)
        }
    }
}
