import Foundation

/// Scales a synthetic clip to a fixed RMS without clipping a 16-bit file.
///
/// Impulsive noise (a loud raindrop) can peak far above its RMS; such peaks are rounded off by a soft limiter
/// (unity slope below `knee`, a tanh curve up to `ceiling`), as a recorder's limiter would, and the gain is
/// re-solved so the limited clip still has the target RMS.
public enum SynthLevel {
    /// Peak magnitude no sample exceeds.
    public static let ceiling = 0.99
    /// Magnitude above which the limiter bends the curve.
    public static let knee = 0.5

    /// `x` scaled to `rms`, its rare peaks soft-limited below `ceiling`; a silent clip is returned as is.
    public static func scaled(_ x: [Float], toRMS rms: Double) -> [Float] {
        let r = rmsOf(x.map(Double.init))
        guard r > 0 else { return x }
        var gain = rms / r
        var y = limited(x, gain: gain)
        // rms(limited(g·x)) grows with g and equals g·rms(x) until the limiter bites: a fixed-point
        // iteration from below converges in a few steps.
        for _ in 0..<50 {
            let got = rmsOf(y)
            if abs(got - rms) <= rms * 1e-9 { break }
            gain *= rms / got
            y = limited(x, gain: gain)
        }
        return y.map { Float($0) }
    }

    private static func limited(_ x: [Float], gain: Double) -> [Double] {
        let span = ceiling - knee
        return x.map { v in
            let a = gain * Double(v)
            let m = abs(a)
            guard m > knee else { return a }
            let bent = knee + span * tanh((m - knee) / span)
            return a < 0 ? -bent : bent
        }
    }

    static func rmsOf(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(0) { $0 + $1 * $1 } / Double(x.count)).squareRoot()
    }
}
