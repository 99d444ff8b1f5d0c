import Foundation

/// Power spectra for the channel-transform tests, by the radix-2 `fft` of SpectrumSupport.swift (independent of
/// the FFTW path the transforms use).
enum TestSpectrum {
    /// Hann-windowed periodogram of `x` (length a power of two): bins 0...n/2.
    static func periodogram(_ x: ArraySlice<Float>) -> [Double] {
        let n = x.count
        var re = x.enumerated().map { i, v in Double(v) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n))) }
        var im = [Double](repeating: 0, count: n)
        fft(&re, &im)
        return (0...(n / 2)).map { re[$0] * re[$0] + im[$0] * im[$0] }
    }

    /// Welch average of Hann periodograms over `segment`-long pieces overlapping by half.
    static func welch(_ x: [Float], segment: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: segment / 2 + 1)
        var count = 0
        var start = 0
        while start + segment <= x.count {
            let p = periodogram(x[start..<(start + segment)])
            for k in sum.indices { sum[k] += p[k] }
            count += 1
            start += segment / 2
        }
        return sum.map { $0 / Double(count) }
    }

    /// Sum of the bins whose frequency lies in [lo, hi) Hz.
    static func band(_ p: [Double], sampleRate: Int, _ lo: Double, _ hi: Double) -> Double {
        let binHz = Double(sampleRate) / Double(2 * (p.count - 1))
        return p.indices.filter { Double($0) * binHz >= lo && Double($0) * binHz < hi }.reduce(0) { $0 + p[$1] }
    }

    /// Least-squares slope of y on x.
    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
        }
        return sxy / sxx
    }
}
