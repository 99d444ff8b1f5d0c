/// A clip's normalised features, unpadded: `values[t * mels + m]` for t < frames. Pad or truncate
/// to the model's fixed length with `padded(to:)` (or write straight into a batch with `copyPadded`).
public struct Features: Sendable, Equatable {
    /// (frames × mels) row-major normalised values.
    public var values: [Float]
    /// Real frames (before padding / truncation).
    public var frames: Int
    /// Mel bands per frame.
    public var mels: Int

    /// Wraps an already-normalised (frames × mels) matrix.
    public init(values: [Float], frames: Int, mels: Int) {
        precondition(values.count == frames * mels, "Features: \(values.count) values for \(frames)×\(mels)")
        self.values = values
        self.frames = frames
        self.mels = mels
    }

    /// Applies `normalization` to a dB spectrogram: z uses the clip's mean and population std + 1e-8.
    public init(normalizing mel: MelSpectrogram, _ normalization: FeatureSettings.Normalization) {
        var values = mel.values
        if normalization == .perSampleZ {
            let (mean, scale) = Self.zStatistics(values)
            values.withUnsafeMutableBufferPointer { v in
                for i in v.indices { v[i] = (v[i] - mean) / scale }
            }
        }
        self.init(values: values, frames: mel.frames, mels: mel.mels)
    }

    /// Mean and (std + 1e-8) of `values` in Float, accumulated in Double.
    static func zStatistics(_ values: [Float]) -> (mean: Float, scale: Float) {
        values.withUnsafeBufferPointer { v in
            guard !v.isEmpty else { return (0, 1) }
            var sum = 0.0
            for x in v { sum += Double(x) }
            let mean = sum / Double(v.count)
            let meanF = Float(mean)
            var sq = 0.0
            // numpy's std subtracts the mean in the array dtype, then squares in that dtype.
            for x in v { let d = Double(x - meanF); sq += d * d }
            let std = Float((sq / Double(v.count)).squareRoot())
            return (meanF, std + Float(1e-8))
        }
    }

    /// The model input: `maxFrames` rows, zero rows after the real ones, extra frames dropped.
    public func padded(to maxFrames: Int) -> [Float] {
        var out = [Float](repeating: 0, count: maxFrames * mels)
        out.withUnsafeMutableBufferPointer { copyPadded(into: $0.baseAddress!, maxFrames: maxFrames) }
        return out
    }

    /// Writes the padded (maxFrames × mels) input to `destination` (e.g. a slot of a batch tensor).
    public func copyPadded(into destination: UnsafeMutablePointer<Float>, maxFrames: Int) {
        let kept = min(frames, maxFrames) * mels
        values.withUnsafeBufferPointer { src in
            destination.update(from: src.baseAddress!, count: kept)
        }
        (destination + kept).initialize(repeating: 0, count: maxFrames * mels - kept)
    }
}
