import AudioFeatures

/// The `features` section of an experiment is the front end's own `FeatureSettings` (librosa's names and
/// meanings); this declares its YAML keys, ranges and cross-key checks once.
extension FeatureSettings {
    /// Values per example (`max_frames * n_mels`) at most: 4 MiB of Float per clip, which every training clip
    /// holds in memory; the defaults use 64,000.
    static let maxValuesPerExample = 1 << 20

    static var schema: ConfigSchema<FeatureSettings> {
        ConfigSchema([
            .int("sample_rate", \.sampleRate, .between(1000, 192_000), "audio is resampled to it (Hz)"),
            .int("n_fft", \.nFFT, .between(2, 65_536), "window length (samples); even"),
            .int("hop_length", \.hopLength, .atLeast(1), "at most `n_fft`"),
            .int("n_mels", \.nMels, .atLeast(1), "at most n_fft / 2 + 1: more bands than FFT bins would leave bands empty"),
            .number("fmin", \.fmin, .atLeast(0), "Hz; below `fmax`"),
            .optionalNumber("fmax", \.fmax, .greaterThan(0), "Hz; null = sample_rate / 2, its largest value"),
            .bool("center", \.center, "pad by n_fft / 2 on both sides"),
            .choice("pad_mode", \.padMode, "padding when `center`"),
            .optionalNumber("top_db", \.topDB, .greaterThan(0), "dynamic range kept by power_to_db; null = no clipping"),
            .choice("normalization", \.normalization, "`per_sample`: zero mean, unit variance per spectrogram"),
            .int("max_frames", \.maxFrames, .atLeast(1),
                 "longer clips truncated, shorter zero-padded; max_frames * n_mels at most \(maxValuesPerExample)"),
        ], check: { f, r in
            let nyquist = Double(f.sampleRate) / 2
            if let fmax = f.fmax, fmax > nyquist {
                r.report("fmax", "\(r.field("fmax")) must be at most sample_rate / 2 = \(ConfigNumber.text(nyquist)), got \(ConfigNumber.text(fmax))")
            }
            if f.fmin >= (f.fmax ?? nyquist) {
                r.report("fmin", "\(r.field("fmin")) must be below fmax (\(ConfigNumber.text(f.fmax ?? nyquist)) Hz), got \(ConfigNumber.text(f.fmin))")
            }
            // The front end frames with a real FFT of even size; more mel bands than FFT bins leaves bands empty
            // (librosa warns "Empty filters detected"), which a model only sees as constant zero inputs.
            if f.nFFT % 2 != 0 {
                r.report("n_fft", "\(r.field("n_fft")) must be even, got \(f.nFFT)")
            }
            if f.nMels > f.nFFT / 2 + 1 {
                r.report("n_mels", "\(r.field("n_mels")) must be at most n_fft / 2 + 1 = \(f.nFFT / 2 + 1) (the FFT bins), got \(f.nMels)")
            } else if f.maxFrames > maxValuesPerExample / f.nMels {
                // Every training clip's features stay in memory: a huge frame count would exhaust it mid-run.
                r.report("max_frames", "\(r.field("max_frames")) must be at most \(maxValuesPerExample / f.nMels) with "
                         + "n_mels \(f.nMels) (max_frames * n_mels at most \(maxValuesPerExample) values per clip), got \(f.maxFrames)")
            }
            if f.hopLength > f.nFFT {
                r.report("hop_length", "\(r.field("hop_length")) must be at most n_fft (\(f.nFFT)), got \(f.hopLength)")
            }
        })
    }
}
