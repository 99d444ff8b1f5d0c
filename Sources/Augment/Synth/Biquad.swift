import Foundation

/// A second-order IIR section (Direct Form I) with the RBJ audio-EQ-cookbook designs the synthesizers use.
struct Biquad {
    private var b0 = 0.0, b1 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0
    private var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

    private init(b: (Double, Double, Double), a: (Double, Double, Double)) {
        b0 = b.0 / a.0; b1 = b.1 / a.0; b2 = b.2 / a.0; a1 = a.1 / a.0; a2 = a.2 / a.0
    }

    /// Band-pass with 0 dB gain at `frequency`.
    static func bandPass(_ frequency: Double, q: Double, sampleRate: Int) -> Biquad {
        let (c, alpha) = terms(frequency, q, sampleRate)
        return Biquad(b: (alpha, 0, -alpha), a: (1 + alpha, -2 * c, 1 - alpha))
    }

    /// Low-pass with `q` at its corner (0.707 for Butterworth).
    static func lowPass(_ frequency: Double, q: Double = 0.5.squareRoot(), sampleRate: Int) -> Biquad {
        let (c, alpha) = terms(frequency, q, sampleRate)
        return Biquad(b: ((1 - c) / 2, 1 - c, (1 - c) / 2), a: (1 + alpha, -2 * c, 1 - alpha))
    }

    /// High-pass with `q` at its corner.
    static func highPass(_ frequency: Double, q: Double = 0.5.squareRoot(), sampleRate: Int) -> Biquad {
        let (c, alpha) = terms(frequency, q, sampleRate)
        return Biquad(b: ((1 + c) / 2, -(1 + c), (1 + c) / 2), a: (1 + alpha, -2 * c, 1 - alpha))
    }

    private static func terms(_ f: Double, _ q: Double, _ rate: Int) -> (cos: Double, alpha: Double) {
        let w = 2 * Double.pi * f / Double(rate)
        return (cos(w), sin(w) / (2 * q))
    }

    /// Filters one sample.
    mutating func callAsFunction(_ x: Double) -> Double {
        let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2 = x1; x1 = x; y2 = y1; y1 = y
        return y
    }
}
