import Foundation

/// A linear-phase low-pass FIR by the Kaiser window method (Kaiser 1974, with the β and length formulas
/// as given by Oppenheim & Schafer): a windowed ideal low-pass whose stop-band attenuation and
/// transition width are both chosen, unlike a fixed window where only the length can be.
enum KaiserLowPass {
    /// The odd-length, symmetric taps h[−half...half] (returned from −half) of a low-pass whose −6 dB
    /// point is `cutoff` (cycles per sample, in (0, 0.5)), with a transition band `transition` wide centred
    /// there and at least about `attenuationDB` of stop-band attenuation. Taps beyond ±`maxHalfWidth` are
    /// left out (applied to a clip of n samples, taps past ±(n − 1) only ever meet zeros). Normalised to
    /// unit gain at DC.
    static func taps(cutoff: Double, transition: Double, attenuationDB a: Double, maxHalfWidth: Int) -> [Double] {
        let order = Int(((a - 8) / (2.285 * 2 * Double.pi * transition)).rounded(.up))
        let fullHalf = max(1, (order + 1) / 2)
        let half = min(fullHalf, max(0, maxHalfWidth))
        let beta = Self.beta(a)
        let i0Beta = besselI0(beta)
        var h = [Double](repeating: 0, count: 2 * half + 1)
        for k in -half...half {
            let x = Double(k)
            let r = x / Double(fullHalf)
            let window = besselI0(beta * max(0, 1 - r * r).squareRoot()) / i0Beta
            let arg = 2 * cutoff * x
            let sinc = k == 0 ? 1 : sin(Double.pi * arg) / (Double.pi * arg)
            h[k + half] = 2 * cutoff * sinc * window
        }
        let sum = h.reduce(0, +)
        if sum != 0 { for i in h.indices { h[i] /= sum } }
        return h
    }

    /// Kaiser's β for a stop-band attenuation of `a` dB.
    static func beta(_ a: Double) -> Double {
        if a > 50 { return 0.1102 * (a - 8.7) }
        if a >= 21 { return 0.5842 * pow(a - 21, 0.4) + 0.07886 * (a - 21) }
        return 0
    }

    /// The modified Bessel function of the first kind, order 0, by its power series.
    static func besselI0(_ x: Double) -> Double {
        let q = x * x / 4
        var term = 1.0, sum = 1.0, k = 1.0
        while term > 1e-17 * sum {
            term *= q / (k * k)
            sum += term
            k += 1
        }
        return sum
    }
}
