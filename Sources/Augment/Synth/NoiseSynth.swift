/// Synthetic background noises: deterministic stand-ins for environmental noise the dataset has no recordings
/// of, so an experiment can measure how a model holds up in noise it never trained on.
///
/// The types are structurally different on purpose: impulsive and bright (rain), modulated and speech-shaped
/// (babble), low and harmonic (engine), band-limited and bubbling (stream), tonal (hum). Every random number
/// comes from the generator handed in, so a seed names a clip.
public enum NoiseType: String, CaseIterable, Sendable {
    case rain, babble, engine, stream, hum

    /// The RMS every clip is scaled to, so folders of different types are equally loud.
    public static let targetRMS = 0.05

    /// A clip of `count` samples at `sampleRate` Hz scaled to `targetRMS` (see `SynthLevel`).
    public func clip(count: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> [Float] {
        SynthLevel.scaled(raw(count: count, sampleRate: sampleRate, using: &g), toRMS: NoiseType.targetRMS)
    }

    /// The clip before scaling: parameters drawn first, then the samples rendered, from one generator.
    func raw(count: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> [Float] {
        switch self {
        case .rain: RainNoise.generate(count: count, sampleRate: sampleRate, using: &g)
        case .babble: BabbleNoise.generate(count: count, sampleRate: sampleRate, using: &g)
        case .engine: EngineNoise.generate(count: count, sampleRate: sampleRate, using: &g)
        case .stream: StreamNoise.generate(count: count, sampleRate: sampleRate, using: &g)
        case .hum: HumNoise.generate(count: count, sampleRate: sampleRate, using: &g)
        }
    }
}

/// One synthetic noise type: its clip-level parameters are drawn first, then the samples are rendered with
/// the rest of the generator, so tests can replay the draw and know what a clip was made of.
public protocol NoiseSynthesizer {
    /// What one clip is made of (rates, frequencies, levels).
    associatedtype Parameters: Sendable
    /// Draws the clip-level parameters for `sampleRate`.
    static func draw(sampleRate: Int, using g: inout some RandomNumberGenerator) -> Parameters
    /// Renders `count` samples (unscaled) from drawn parameters; per-event randomness comes from `g`.
    static func render(_ p: Parameters, count: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> [Float]
}

extension NoiseSynthesizer {
    /// Draws the parameters, then renders `count` unscaled samples, both from `g`.
    public static func generate(count: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> [Float] {
        let p = draw(sampleRate: sampleRate, using: &g)
        return render(p, count: count, sampleRate: sampleRate, using: &g)
    }
}
