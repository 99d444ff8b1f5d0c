/// One training-time transform and the probability it is applied to an example. Evaluation bypasses all of them.
public struct AugmentationConfig: Sendable, Equatable {
    /// Probability in [0, 1] that the transform is applied to a given example.
    public var p: Double
    /// The transform and its settings.
    public var transform: AugmentationTransform

    /// A transform applied with probability `p`.
    public init(p: Double = 1, transform: AugmentationTransform) {
        self.p = p
        self.transform = transform
    }
}

/// How the noise gain for a target SNR is computed (the Augment target owns the exact rule).
public enum NoiseMode: String, Sendable, CaseIterable {
    /// Plain RMS ratio of the whole clip to the whole noise segment.
    case naive
    /// Guards against near-silence: noise segments with RMS below `min_noise_rms` are never scaled up into hiss.
    case calibrated
}

/// Background noise mixed into the waveform at a random SNR.
public struct NoiseAugmentation: Sendable, Equatable {
    /// Noise clips folder, relative to `data.root`.
    public var folder: String
    /// SNR range in dB, drawn uniformly.
    public var snrDB: ClosedRange<Double> = 0...20
    /// Loudness rule.
    public var mode: NoiseMode = .naive
    /// RMS floor below which `calibrated` mode treats a noise segment as silence.
    public var minNoiseRMS: Double = 1e-4

    /// Noise from `folder` with the default SNR range and mode.
    public init(folder: String) { self.folder = folder }
}

/// SpecAugment masks on the log-mel spectrogram.
public struct SpecAugmentConfig: Sendable, Equatable {
    /// Number of frequency masks.
    public var freqMasks: Int = 2
    /// Largest frequency mask, in mel bands.
    public var freqWidth: Int = 15
    /// Number of time masks.
    public var timeMasks: Int = 2
    /// Largest time mask, in frames.
    public var timeWidth: Int = 40

    /// The defaults.
    public init() {}
}

/// The augmentation catalogue.
public enum AugmentationTransform: Sendable, Equatable {
    /// Background noise at a random SNR (waveform).
    case noise(NoiseAugmentation)
    /// Gain drawn uniformly from a dB range (waveform).
    case gain(db: ClosedRange<Double>)
    /// Circular shift by up to `maxSeconds` either way (waveform).
    case timeShift(maxSeconds: Double)
    /// Pitch shift drawn uniformly from a semitone range (waveform).
    case pitchShift(semitones: ClosedRange<Double>)
    /// Frequency and time masks (spectrogram).
    case specAugment(SpecAugmentConfig)
    /// Mixup of pairs within a batch with Beta(alpha, alpha) weights (batch).
    case mixup(alpha: Double)

    /// The `type` key naming this transform in YAML.
    public var typeName: String {
        switch self {
        case .noise: "noise"
        case .gain: "gain"
        case .timeShift: "time_shift"
        case .pitchShift: "pitch_shift"
        case .specAugment: "spec_augment"
        case .mixup: "mixup"
        }
    }

    /// Whether the transform changes the waveform, which forces features to be recomputed per epoch.
    public var actsOnWaveform: Bool {
        switch self {
        case .noise, .gain, .timeShift, .pitchShift: true
        case .specAugment, .mixup: false
        }
    }

    static let typeNames = ["noise", "gain", "time_shift", "pitch_shift", "spec_augment", "mixup"]
}

extension AugmentationConfig {
    /// Reads one list item; `nil` when its type is missing or unknown (already reported).
    init?(_ r: ConfigReader, data: DataConfig, checks: FolderChecks) {
        p = r.double("p", default: 1, .between(0, 1))
        guard let typeValue = r.present("type") else {
            r.sink.report(r.location, "\(r.path) needs a type: one of \(AugmentationTransform.typeNames.joined(separator: ", "))")
            return nil
        }
        guard let type = typeValue.string, AugmentationTransform.typeNames.contains(type) else {
            let hint = typeValue.string.map { Suggestion.hint(for: $0, in: AugmentationTransform.typeNames) } ?? ""
            r.sink.report(typeValue.location, "\(r.field("type")) must be one of "
                          + "\(AugmentationTransform.typeNames.joined(separator: ", ")), got \(typeValue)\(hint)")
            return nil
        }
        switch type {
        case "noise":
            var noise = NoiseAugmentation(folder: r.string("folder", default: data.noise))
            noise.snrDB = r.range("snr_db", default: noise.snrDB)
            noise.mode = r.choice("mode", default: noise.mode)
            noise.minNoiseRMS = r.double("min_noise_rms", default: noise.minNoiseRMS, .greaterThan(0))
            checks.require(noise.folder, field: r.field("folder"), at: r.location(of: "folder"))
            transform = .noise(noise)
        case "gain":
            transform = .gain(db: r.range("db", default: -6...6))
        case "time_shift":
            transform = .timeShift(maxSeconds: r.double("max_seconds", default: 0.5, .atLeast(0)))
        case "pitch_shift":
            transform = .pitchShift(semitones: r.range("semitones", default: -2...2, .between(-24, 24)))
        case "spec_augment":
            var spec = SpecAugmentConfig()
            spec.freqMasks = r.int("freq_masks", default: spec.freqMasks, .atLeast(0))
            spec.freqWidth = r.int("freq_width", default: spec.freqWidth, .atLeast(0))
            spec.timeMasks = r.int("time_masks", default: spec.timeMasks, .atLeast(0))
            spec.timeWidth = r.int("time_width", default: spec.timeWidth, .atLeast(0))
            transform = .specAugment(spec)
        default:
            transform = .mixup(alpha: r.double("alpha", default: 0.2, .greaterThan(0)))
        }
        r.finish()
    }

    var resolved: ConfigValue {
        var pairs: [(String, ConfigValue)] = [("type", Resolved.string(transform.typeName)), ("p", Resolved.number(p))]
        switch transform {
        case .noise(let n):
            pairs += [("folder", Resolved.string(n.folder)), ("snr_db", Resolved.range(n.snrDB)),
                      ("mode", Resolved.string(n.mode.rawValue)), ("min_noise_rms", Resolved.number(n.minNoiseRMS))]
        case .gain(let db):
            pairs.append(("db", Resolved.range(db)))
        case .timeShift(let maxSeconds):
            pairs.append(("max_seconds", Resolved.number(maxSeconds)))
        case .pitchShift(let semitones):
            pairs.append(("semitones", Resolved.range(semitones)))
        case .specAugment(let s):
            pairs += [("freq_masks", Resolved.int(s.freqMasks)), ("freq_width", Resolved.int(s.freqWidth)),
                      ("time_masks", Resolved.int(s.timeMasks)), ("time_width", Resolved.int(s.timeWidth))]
        case .mixup(let alpha):
            pairs.append(("alpha", Resolved.number(alpha)))
        }
        return Resolved.map(pairs)
    }
}
