/// Linear convolution by one FFT of a power-of-two size, for kernels too long to apply sample by sample
/// (reverb tails, low cut-off filters).
enum FFTConvolution {
    /// Samples [offset, offset + count) of the full linear convolution `x * h`, both zero outside their
    /// samples: output index i holds Σ_k h[k]·x[i − k].
    static func convolve(_ x: [Float], _ h: [Double], offset: Int, count: Int) -> [Double] {
        guard !x.isEmpty, !h.isEmpty, count > 0 else { return [Double](repeating: 0, count: max(count, 0)) }
        // Large enough that the circular convolution never wraps onto the linear one.
        let n = FFTBuffer.size(atLeast: x.count + h.count - 1)
        let a = FFTBuffer(size: n), b = FFTBuffer(size: n)
        for i in x.indices { a.time[i] = Double(x[i]) }
        for i in h.indices { b.time[i] = h[i] }
        a.forward()
        b.forward()
        let p = a.bins, q = b.bins
        for k in 0...(n / 2) {
            let re = p[2 * k] * q[2 * k] - p[2 * k + 1] * q[2 * k + 1]
            let im = p[2 * k] * q[2 * k + 1] + p[2 * k + 1] * q[2 * k]
            p[2 * k] = re
            p[2 * k + 1] = im
        }
        a.inverse()
        let scale = 1 / Double(n)
        let full = x.count + h.count - 1
        var out = [Double](repeating: 0, count: count)
        for j in 0..<count {
            let i = offset + j
            if i >= 0, i < full { out[j] = a.time[i] * scale }
        }
        return out
    }
}
