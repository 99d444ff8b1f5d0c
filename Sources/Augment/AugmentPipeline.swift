/// An ordered list of augmentation stages for one clip. Stage i draws only from `streams(i)`, the
/// generator the caller derives for index i (e.g. from run seed, epoch, sample and i), so appending a
/// stage leaves every other stage's draws unchanged. (Inserting one shifts the indices after it.)
///
/// Training calls `applyWave` on the waveform and `applySpec` on its features; evaluation calls neither.
/// Mixup acts on whole batches and is applied by the trainer, outside this per-clip pipeline.
public struct AugmentPipeline: Sendable {
    /// One stage: a waveform transform or a spectrogram transform.
    public enum Stage: Sendable {
        /// Acts on the waveform, before features are computed.
        case wave(any WaveTransform)
        /// Acts on the (frames × mels) features.
        case spec(SpecAugment)
    }

    /// The stages in order; a stage's stream index is its position here.
    public let stages: [Stage]

    /// A pipeline running `stages` in order.
    public init(_ stages: [Stage]) { self.stages = stages }

    /// Whether any stage changes the waveform (then features must be recomputed for each epoch).
    public var hasWaveStages: Bool {
        stages.contains { if case .wave = $0 { true } else { false } }
    }

    /// Runs the waveform stages in order, stage i drawing from `streams(i)`; returns their draws.
    @discardableResult
    public func applyWave<G: RandomNumberGenerator>(_ samples: inout [Float], sampleRate: Int,
                                                    streams: (Int) -> G) -> [any TransformDraw] {
        var draws: [any TransformDraw] = []
        for (i, stage) in stages.enumerated() {
            guard case .wave(let t) = stage else { continue }
            var g = streams(i)
            draws.append(t.apply(to: &samples, sampleRate: sampleRate, using: &g))
        }
        return draws
    }

    /// Runs the spectrogram stages in order on a (frames × mels) buffer, stage i drawing from `streams(i)`.
    @discardableResult
    public func applySpec<G: RandomNumberGenerator>(_ features: inout [Float], frames: Int, mels: Int,
                                                    validFrames: Int? = nil,
                                                    streams: (Int) -> G) -> [any TransformDraw] {
        var draws: [any TransformDraw] = []
        for (i, stage) in stages.enumerated() {
            guard case .spec(let t) = stage else { continue }
            var g = streams(i)
            draws.append(t.apply(to: &features, frames: frames, mels: mels, validFrames: validFrames, using: &g))
        }
        return draws
    }
}
