import Foundation

/// Pink (1/f) noise from white: a cascade of pole–zero shelves, each falling 6 dB over one octave then flat
/// over the next, so the slope averages −3 dB per octave from 20 Hz to Nyquist at any sample rate.
struct PinkFilter {
    private var sections: [(pole: Double, zero: Double, gain: Double, x1: Double, y1: Double)] = []

    init(sampleRate: Int) {
        var f = 20.0
        while f * 2 < 0.45 * Double(sampleRate) {
            let p = exp(-2 * Double.pi * f / Double(sampleRate))
            let z = exp(-2 * Double.pi * 2 * f / Double(sampleRate))
            sections.append((p, z, (1 - p) / (1 - z), 0, 0))
            f *= 4
        }
    }

    /// Filters one sample.
    mutating func callAsFunction(_ x: Double) -> Double {
        var v = x
        for i in sections.indices {
            let s = sections[i]
            let y = s.gain * (v - s.zero * s.x1) + s.pole * s.y1
            sections[i].x1 = v
            sections[i].y1 = y
            v = y
        }
        return v
    }
}
