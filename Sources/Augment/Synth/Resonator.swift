import Foundation

/// Klatt's digital formant resonator: unity gain at DC, a peak of roughly F/B at F. In cascade, resonators give
/// a vowel's spectrum with the right relative formant levels; frequency and bandwidth can change per sample.
struct Resonator {
    private var a = 1.0, b = 0.0, c = 0.0
    private var y1 = 0.0, y2 = 0.0

    /// Retunes to `frequency` and `bandwidth` (Hz) without clearing the state.
    mutating func tune(_ frequency: Double, bandwidth: Double, sampleRate: Int) {
        let t = 1 / Double(sampleRate)
        c = -exp(-2 * Double.pi * bandwidth * t)
        b = 2 * exp(-Double.pi * bandwidth * t) * cos(2 * Double.pi * frequency * t)
        a = 1 - b - c
    }

    /// Filters one sample.
    mutating func callAsFunction(_ x: Double) -> Double {
        let y = a * x + b * y1 + c * y2
        y2 = y1; y1 = y
        return y
    }
}
