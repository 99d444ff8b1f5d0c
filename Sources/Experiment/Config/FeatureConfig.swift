/// Log-mel spectrogram settings (librosa's names and meanings).
public struct FeatureConfig: Sendable, Equatable {
    /// How the STFT pads the signal when `center` is true.
    public enum PadMode: String, Sendable, CaseIterable {
        /// Zeros.
        case constant
        /// Mirror the signal without repeating the edge sample.
        case reflect
    }
    /// Per-spectrogram normalisation after the dB conversion.
    public enum Normalization: String, Sendable, CaseIterable {
        /// Zero mean, unit variance per sample.
        case perSample = "per_sample"
        /// Leave the dB values as they are.
        case none
    }

    /// Audio is resampled to this rate (Hz).
    public var sampleRate: Int = 16000
    /// FFT window length in samples.
    public var nFFT: Int = 1024
    /// Hop between frames in samples.
    public var hopLength: Int = 512
    /// Number of mel bands.
    public var nMels: Int = 128
    /// Lowest mel frequency (Hz).
    public var fmin: Double = 0
    /// Highest mel frequency (Hz); `nil` means `sampleRate / 2`.
    public var fmax: Double? = nil
    /// Whether frames are centred (signal padded by `nFFT / 2` on both sides).
    public var center: Bool = true
    /// Padding used when `center` is true.
    public var padMode: PadMode = .constant
    /// Dynamic range kept below the peak in `power_to_db`; `nil` keeps everything.
    public var topDB: Double? = 80
    /// Normalisation applied to each spectrogram.
    public var normalization: Normalization = .perSample
    /// Frames per example: longer clips are truncated, shorter ones zero-padded.
    public var maxFrames: Int = 500

    /// The defaults.
    public init() {}

    init(_ r: ConfigReader) {
        sampleRate = r.int("sample_rate", default: sampleRate, .greaterThan(0))
        nFFT = r.int("n_fft", default: nFFT, .atLeast(2))
        hopLength = r.int("hop_length", default: hopLength, .atLeast(1))
        nMels = r.int("n_mels", default: nMels, .atLeast(1))
        fmin = r.double("fmin", default: fmin, .atLeast(0))
        fmax = r.optionalDouble("fmax", default: fmax, .greaterThan(0))
        center = r.bool("center", default: center)
        padMode = r.choice("pad_mode", default: padMode)
        topDB = r.optionalDouble("top_db", default: topDB, .greaterThan(0))
        normalization = r.choice("normalization", default: normalization)
        maxFrames = r.int("max_frames", default: maxFrames, .atLeast(1))
        r.finish()

        let nyquist = Double(sampleRate) / 2
        if let fmax, fmax > nyquist {
            r.report("fmax", "\(r.field("fmax")) must be at most sample_rate / 2 = \(ConfigNumber.text(nyquist)), got \(ConfigNumber.text(fmax))")
        }
        if fmin >= (fmax ?? nyquist) {
            r.report("fmin", "\(r.field("fmin")) must be below fmax (\(ConfigNumber.text(fmax ?? nyquist)) Hz), got \(ConfigNumber.text(fmin))")
        }
        // The front end frames with a real FFT of even size; more mel bands than FFT bins leaves bands empty
        // (librosa warns "Empty filters detected"), which a model only sees as constant zero inputs.
        if nFFT % 2 != 0 {
            r.report("n_fft", "\(r.field("n_fft")) must be even, got \(nFFT)")
        }
        if nMels > nFFT / 2 + 1 {
            r.report("n_mels", "\(r.field("n_mels")) must be at most n_fft / 2 + 1 = \(nFFT / 2 + 1) (the FFT bins), got \(nMels)")
        }
        if hopLength > nFFT {
            r.report("hop_length", "\(r.field("hop_length")) must be at most n_fft (\(nFFT)), got \(hopLength)")
        }
    }

    var resolved: ConfigValue {
        Resolved.map([
            ("sample_rate", Resolved.int(sampleRate)),
            ("n_fft", Resolved.int(nFFT)),
            ("hop_length", Resolved.int(hopLength)),
            ("n_mels", Resolved.int(nMels)),
            ("fmin", Resolved.number(fmin)),
            ("fmax", Resolved.number(fmax)),
            ("center", Resolved.bool(center)),
            ("pad_mode", Resolved.string(padMode.rawValue)),
            ("top_db", Resolved.number(topDB)),
            ("normalization", Resolved.string(normalization.rawValue)),
            ("max_frames", Resolved.int(maxFrames)),
        ])
    }
}
