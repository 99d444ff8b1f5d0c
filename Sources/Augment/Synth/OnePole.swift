import Foundation

/// A one-pole low-pass (leaky integrator) with unity DC gain.
struct OnePole {
    private let keep: Double
    private var y = 0.0

    /// Corner at `frequency` Hz.
    init(_ frequency: Double, sampleRate: Int) { keep = exp(-2 * Double.pi * frequency / Double(sampleRate)) }

    /// Filters one sample.
    mutating func callAsFunction(_ x: Double) -> Double {
        y = keep * y + (1 - keep) * x
        return y
    }
}
