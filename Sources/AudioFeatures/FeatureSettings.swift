/// Every knob of the wave → log-mel → model-input pipeline; the defaults are librosa 0.11's
/// `melspectrogram` + `power_to_db` + per-clip z-normalisation padded to 500 frames.
public struct FeatureSettings: Codable, Hashable, Sendable {
    /// How the (frames × mels) dB matrix is normalised before padding.
    public enum Normalization: String, Codable, Hashable, Sendable, CaseIterable {
        /// (x - mean) / (population std + 1e-8) over the whole clip matrix.
        case perSampleZ = "per_sample"
        /// Leave the dB values as they are.
        case none
    }

    /// How the signal is padded at both ends when `center` is on.
    public enum PadMode: String, Codable, Hashable, Sendable, CaseIterable {
        /// Zeros (librosa `pad_mode='constant'`).
        case constant
        /// Mirror without repeating the edge sample (numpy `reflect`).
        case reflect
    }

    /// Rate the wave is resampled to (soxr HQ) before the STFT, in Hz.
    public var sampleRate: Int = 16_000
    /// FFT length = Hann window length.
    public var nFFT: Int = 1024
    /// Samples between frame starts.
    public var hopLength: Int = 512
    /// Number of mel bands.
    public var nMels: Int = 128
    /// Lowest filterbank frequency in Hz.
    public var fmin: Double = 0
    /// Highest filterbank frequency in Hz; nil means sampleRate / 2.
    public var fmax: Double? = nil
    /// Pad nFFT/2 on both sides so frame t is centred on sample t·hop.
    public var center: Bool = true
    /// Padding used when `center` is on.
    public var padMode: PadMode = .constant
    /// Clip dB values below (max - topDB); nil turns clipping off.
    public var topDB: Double? = 80
    /// Normalisation applied to the clip's dB matrix.
    public var normalization: Normalization = .perSampleZ
    /// Frames of the model input: shorter clips are zero-padded at the end, longer ones truncated.
    public var maxFrames: Int = 500

    /// The librosa-matching defaults.
    public init() {}

    /// Upper filterbank edge actually used.
    public var effectiveFmax: Double { fmax ?? Double(sampleRate) / 2 }

    /// Throws a one-line reason when the settings cannot describe a spectrogram.
    public func validate() throws(FeatureSettingsError) {
        func fail(_ s: String) -> FeatureSettingsError { FeatureSettingsError(reason: s) }
        if sampleRate <= 0 { throw fail("sampleRate must be > 0, got \(sampleRate)") }
        if nFFT < 2 || nFFT % 2 != 0 { throw fail("nFFT must be even and >= 2, got \(nFFT)") }
        if hopLength <= 0 { throw fail("hopLength must be > 0, got \(hopLength)") }
        if nMels <= 0 { throw fail("nMels must be > 0, got \(nMels)") }
        if maxFrames <= 0 { throw fail("maxFrames must be > 0, got \(maxFrames)") }
        if fmin < 0 || effectiveFmax <= fmin || effectiveFmax > Double(sampleRate) / 2 {
            throw fail("need 0 <= fmin < fmax <= sampleRate/2, got fmin \(fmin), fmax \(effectiveFmax)")
        }
        if let t = topDB, !(t > 0) { throw fail("topDB must be > 0, got \(t)") }
    }

    /// The settings that change the cached dB matrix (normalisation and padding are applied on read).
    var spectrogramKey: String {
        "sr=\(sampleRate);nfft=\(nFFT);hop=\(hopLength);mels=\(nMels);fmin=\(fmin.bitPattern);fmax=\(effectiveFmax.bitPattern);"
            + "center=\(center);pad=\(padMode.rawValue);top=\(topDB.map { String($0.bitPattern) } ?? "off")"
    }
}

/// Settings that cannot describe a spectrogram.
public struct FeatureSettingsError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, in one line.
    public var reason: String
    public var description: String { "invalid feature settings: \(reason)" }
}
