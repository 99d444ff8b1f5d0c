import Foundation

/// The power spectrum of a clip, for checks on where a synthetic noise puts its energy.
struct Spectrum {
    /// Power per bin from 0 Hz to Nyquist.
    let power: [Double]
    /// Width of one bin in Hz.
    let binHz: Double

    /// The Hann-windowed power spectrum of the first power-of-two samples of `x`.
    init(_ x: [Float], sampleRate: Int) {
        var n = 1
        while n * 2 <= x.count { n *= 2 }
        var re = (0..<n).map { i in Double(x[i]) * (0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n))) }
        var im = [Double](repeating: 0, count: n)
        fft(&re, &im)
        power = (0...n / 2).map { re[$0] * re[$0] + im[$0] * im[$0] }
        binHz = Double(sampleRate) / Double(n)
    }

    var total: Double { power.reduce(0, +) }

    /// Share of the energy in bins whose frequency lies in `band`.
    func fraction(in band: ClosedRange<Double>) -> Double {
        fraction { band.contains($0) }
    }

    /// Share of the energy in bins whose frequency passes `keep`.
    func fraction(where keep: (Double) -> Bool) -> Double {
        var e = 0.0
        for (k, p) in power.enumerated() where keep(Double(k) * binHz) { e += p }
        return e / total
    }

    /// Power-weighted mean frequency in Hz.
    var centroid: Double {
        power.enumerated().reduce(0) { $0 + Double($1.offset) * binHz * $1.element } / total
    }

    /// The narrowest band [lo, hi] holding `share` of the energy, cut symmetrically in energy
    /// (the (1−share)/2 quantiles at each end).
    func band(holding share: Double) -> ClosedRange<Double> {
        let tail = (1 - share) / 2 * total
        var acc = 0.0, lo = 0
        while lo < power.count - 1 && acc + power[lo] < tail { acc += power[lo]; lo += 1 }
        acc = 0
        var hi = power.count - 1
        while hi > lo && acc + power[hi] < tail { acc += power[hi]; hi -= 1 }
        return Double(lo) * binHz...Double(hi) * binHz
    }
}

/// In-place iterative radix-2 FFT; `re.count` must be a power of two.
func fft(_ re: inout [Double], _ im: inout [Double]) {
    let n = re.count
    var j = 0
    for i in 1..<n {
        var bit = n >> 1
        while j & bit != 0 { j ^= bit; bit >>= 1 }
        j |= bit
        if i < j { re.swapAt(i, j); im.swapAt(i, j) }
    }
    var len = 2
    while len <= n {
        let angle = -2 * Double.pi / Double(len)
        for start in stride(from: 0, to: n, by: len) {
            for k in 0..<len / 2 {
                let wr = cos(angle * Double(k)), wi = sin(angle * Double(k))
                let a = start + k, b = a + len / 2
                let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                re[b] = re[a] - tr; im[b] = im[a] - ti
                re[a] += tr; im[a] += ti
            }
        }
        len <<= 1
    }
}

enum Moments {
    /// E[(x−μ)⁴] / σ⁴: 3 for Gaussian noise, larger for impulsive signals.
    static func kurtosis(_ x: [Float]) -> Double {
        let n = Double(x.count)
        let mean = x.reduce(0) { $0 + Double($1) } / n
        var m2 = 0.0, m4 = 0.0
        for v in x {
            let d = Double(v) - mean
            m2 += d * d
            m4 += d * d * d * d
        }
        m2 /= n; m4 /= n
        return m4 / (m2 * m2)
    }

    /// The power spectrum of the clip's loudness contour (RMS over 10 ms frames, mean removed), for syllabic
    /// rhythm: bins are `1 / (frames · 10 ms)` Hz apart.
    static func envelopeSpectrum(_ x: [Float], sampleRate: Int) -> Spectrum {
        let frame = sampleRate / 100
        let env = stride(from: 0, to: x.count - frame + 1, by: frame).map { start -> Float in
            var e = 0.0
            for i in start..<start + frame { e += Double(x[i]) * Double(x[i]) }
            return Float((e / Double(frame)).squareRoot())
        }
        let mean = env.reduce(0, +) / Float(env.count)
        return Spectrum(env.map { $0 - mean }, sampleRate: 100)
    }
}

extension Spectrum {
    /// Mean power per bin over `band`.
    func density(in band: ClosedRange<Double>) -> Double {
        var e = 0.0, bins = 0
        for (k, p) in power.enumerated() where band.contains(Double(k) * binHz) { e += p; bins += 1 }
        return e / Double(max(1, bins))
    }
}
