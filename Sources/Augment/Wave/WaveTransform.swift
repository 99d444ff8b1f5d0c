/// What one call of a transform drew: whether it fired and the parameters it used, for logs and tests.
public protocol TransformDraw: Sendable, CustomStringConvertible {
    /// Whether the probability gate let the transform act on this call.
    var applied: Bool { get }
}

/// A random transform of a mono waveform. Training calls it; evaluation simply does not (there is no
/// "eval mode" inside: bypassing is the caller's choice, so evaluation never touches a generator).
///
/// Each call first draws every parameter (the gate included) and only then decides whether to act, so a
/// call consumes the same number of `next()` whatever the gate says and whatever the clip holds.
public protocol WaveTransform: Sendable {
    /// The parameters of one call.
    associatedtype Draw: TransformDraw
    /// Probability in [0, 1] that a call acts on the clip.
    var probability: Double { get }
    /// Draws this call's parameters for a clip of `clipLength` samples.
    func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw
    /// Applies drawn parameters (a no-op when `draw.applied` is false); deterministic.
    func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int)
}

extension WaveTransform {
    /// Draws this call's parameters from `g` and applies them; returns what was drawn.
    @discardableResult
    public func apply(to samples: inout [Float], sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let d = draw(clipLength: samples.count, sampleRate: sampleRate, using: &g)
        apply(d, to: &samples, sampleRate: sampleRate)
        return d
    }
}
