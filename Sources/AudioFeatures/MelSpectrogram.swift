/// A clip's log-mel spectrogram in dB, time first: `values[t * mels + m]`.
public struct MelSpectrogram: Sendable, Equatable {
    /// (frames × mels) row-major dB values.
    public var values: [Float]
    /// Number of STFT frames (time steps).
    public var frames: Int
    /// Number of mel bands.
    public var mels: Int

    /// Wraps a row-major (frames × mels) matrix.
    public init(values: [Float], frames: Int, mels: Int) {
        precondition(values.count == frames * mels, "MelSpectrogram: \(values.count) values for \(frames)×\(mels)")
        self.values = values
        self.frames = frames
        self.mels = mels
    }
}
