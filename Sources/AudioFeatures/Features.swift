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
            Self.normalize(&values, mean: mean, scale: scale)
        }
        self.init(values: values, frames: mel.frames, mels: mel.mels)
    }

    /// `(v - mean) / scale` for every value, in place.
    static func normalize(_ values: inout [Float], mean: Float, scale: Float) {
        values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] = (v[i] - mean) / scale }
        }
    }

    /// Mean and (std + 1e-8) of `values` in Float, accumulated in Double (four running sums, so the
    /// loop vectorises; the order is fixed, so the result is too).
    static func zStatistics(_ values: [Float]) -> (mean: Float, scale: Float) {
        values.withUnsafeBufferPointer { v in
            guard !v.isEmpty else { return (0, 1) }
            let n = v.count, p = v.baseAddress!
            var s = SIMD4<Double>(repeating: 0)
            var i = 0
            while i + 4 <= n {
                s += SIMD4(Double(p[i]), Double(p[i + 1]), Double(p[i + 2]), Double(p[i + 3]))
                i += 4
            }
            var sum = (s[0] + s[1]) + (s[2] + s[3])
            while i < n { sum += Double(p[i]); i += 1 }
            let meanF = Float(sum / Double(n))
            // numpy's std subtracts the mean in the array dtype, then squares in that dtype.
            var q = SIMD4<Double>(repeating: 0)
            i = 0
            while i + 4 <= n {
                let d = SIMD4(Double(p[i] - meanF), Double(p[i + 1] - meanF), Double(p[i + 2] - meanF), Double(p[i + 3] - meanF))
                q += d * d
                i += 4
            }
            var sq = (q[0] + q[1]) + (q[2] + q[3])
            while i < n { let d = Double(p[i] - meanF); sq += d * d; i += 1 }
            let std = Float((sq / Double(n)).squareRoot())
            return (meanF, std + Float(1e-8))
        }
    }

    /// The model input: `maxFrames` rows, zero rows after the real ones, extra frames dropped.
    public func padded(to maxFrames: Int) -> [Float] {
        // copyPadded writes every slot (values, then zeros), so a zero fill first would write the kept frames twice.
        [Float](unsafeUninitializedCapacity: maxFrames * mels) { buffer, count in
            if let base = buffer.baseAddress { copyPadded(into: base, maxFrames: maxFrames) }
            count = maxFrames * mels
        }
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
