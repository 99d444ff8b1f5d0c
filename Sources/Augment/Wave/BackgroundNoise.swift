/// Adds a segment of a background-noise clip at a signal-to-noise ratio drawn uniformly in dB.
///
/// The noise clip is picked uniformly from the pool. When it is at least as long as the clip, a window
/// of the clip's length starts at a uniform offset in [0, noiseLength - clipLength]; when it is shorter,
/// the noise is looped from a uniform offset in [0, noiseLength). The noise is scaled so that
/// 10·log10(P_ref / P_noise) equals the drawn SNR, where P_noise is the mean power of the added segment
/// and P_ref depends on the mode:
/// - `naive`: the clip's mean power over all its samples, silence included — when a call fills a tenth
///   of the clip the mean is 10 dB below the call's power, so the call really sits ~10 dB above the
///   drawn SNR and "hard" settings are much gentler than they read.
/// - `calibrated`: the clip's active-signal power (see `Calibration`), plus a noise floor and a peak rule.
public struct BackgroundNoise: WaveTransform {
    /// Rules of the calibrated mode, applied in this order: the active-signal power is the total energy
    /// of the active frames divided by their sample count (a trailing partial frame counts with its own
    /// length; an all-zero clip has power 0, so only the floor can add noise); the SNR sets the noise
    /// gain; the floor raises it if needed; the peak rule scales the finished mix. An all-zero noise
    /// segment adds nothing.
    public struct Calibration: Sendable, Equatable {
        /// Frame length in samples for the activity measure (non-overlapping frames).
        public var frameLength: Int
        /// A frame is active when its mean power is within this many dB of the loudest frame's.
        public var activeThresholdDB: Double
        /// The added noise's RMS is never below this: if the SNR asks for quieter noise, the noise is
        /// raised to exactly this RMS (so the effective SNR is lower than drawn). Applies to silent clips
        /// too, which otherwise would get no noise at all. 0 disables the floor.
        public var minNoiseRMS: Double
        /// If the mix's peak |x| exceeds 1.0, the whole mix (clip and noise together, so the SNR is kept)
        /// is scaled down to this peak. This rule runs last and wins over the floor.
        public var peakLimit: Float

        /// Defaults: 512-sample frames, 40 dB activity threshold, no floor, peak 0.999.
        public init(frameLength: Int = 512, activeThresholdDB: Double = 40, minNoiseRMS: Double = 0,
                    peakLimit: Float = 0.999) {
            self.frameLength = frameLength
            self.activeThresholdDB = activeThresholdDB
            self.minNoiseRMS = minNoiseRMS
            self.peakLimit = peakLimit
        }
    }

    /// What the SNR is measured against.
    public enum Mode: Sendable, Equatable {
        /// SNR against the mean power of the whole clip; no floor, no peak rule.
        case naive
        /// SNR against the active-signal power, with a noise floor and a peak rule.
        case calibrated(Calibration)
    }

    /// The noise clips, at the same sample rate as the clips they are added to.
    public let noises: [[Float]]
    /// SNR range in dB.
    public let snrDB: ClosedRange<Double>
    /// How the reference power is measured.
    public let mode: Mode
    /// Probability that a call acts.
    public let probability: Double

    /// Noise from `noises` at an SNR drawn in [minSNR, maxSNR] dB, applied with probability `p`.
    public init(noises: [[Float]], minSNR: Double, maxSNR: Double, mode: Mode = .naive, p: Double = 1) throws {
        guard !noises.isEmpty else { throw AugmentError("background_noise: the noise pool is empty") }
        if let i = noises.firstIndex(where: { $0.isEmpty }) {
            throw AugmentError("background_noise: noise clip \(i) has no samples")
        }
        try AugmentError.checkRange(minSNR, maxSNR, "background_noise snr")
        try AugmentError.checkProbability(p, "background_noise")
        if case .calibrated(let c) = mode {
            guard c.frameLength > 0 else { throw AugmentError("background_noise: frame length must be > 0") }
            guard c.activeThresholdDB >= 0 else {
                throw AugmentError("background_noise: active threshold must be >= 0 dB, got \(c.activeThresholdDB)")
            }
            guard c.minNoiseRMS >= 0, c.minNoiseRMS.isFinite else {
                throw AugmentError("background_noise: min_noise_rms must be finite and >= 0, got \(c.minNoiseRMS)")
            }
            guard c.peakLimit > 0, c.peakLimit <= 1 else {
                throw AugmentError("background_noise: peak limit must be in (0, 1], got \(c.peakLimit)")
            }
        }
        self.noises = noises
        self.snrDB = minSNR...maxSNR
        self.mode = mode
        self.probability = p
    }

    /// One call of `BackgroundNoise`: four `next()` (gate, SNR, noise clip, offset).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn SNR in dB.
        public let snrDB: Double
        /// Index of the noise clip in the pool.
        public let noiseIndex: Int
        /// First noise sample used.
        public let offset: Int
        /// A draw to replay.
        public init(applied: Bool, snrDB: Double, noiseIndex: Int, offset: Int) {
            self.applied = applied
            self.snrDB = snrDB
            self.noiseIndex = noiseIndex
            self.offset = offset
        }
        /// One-line summary for logs.
        public var description: String {
            applied ? "noise #\(noiseIndex)@\(offset) at \(snrDB) dB" : "noise skipped"
        }
    }

    /// Draws the gate, the SNR, the noise clip and the offset into it.
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let snr = UniformDraw.double(in: snrDB, &g)
        let index = UniformDraw.integer(below: noises.count, &g)
        let n = noises[index].count
        let offset = UniformDraw.integer(below: n >= clipLength ? n - clipLength + 1 : n, &g)
        return Draw(applied: fire, snrDB: snr, noiseIndex: index, offset: offset)
    }

    /// Adds the drawn noise segment, scaled per the mode's rules.
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        guard draw.applied, !samples.isEmpty else { return }
        let noise = noises[draw.noiseIndex]
        let count = samples.count
        let nLen = noise.count
        // Loop index without a modulo per sample.
        func forEachNoise(_ body: (Int, Float) -> Void) {
            var j = draw.offset
            for i in 0..<count {
                body(i, noise[j])
                j += 1
                if j == nLen { j = 0 }
            }
        }
        var noiseEnergy = 0.0
        forEachNoise { _, v in noiseEnergy += Double(v) * Double(v) }
        let noisePower = noiseEnergy / Double(count)
        guard noisePower > 0 else { return }

        let reference: Double
        switch mode {
        case .naive: reference = SignalPower.mean(samples)
        case .calibrated(let c):
            reference = SignalPower.active(samples, frameLength: c.frameLength, thresholdDB: c.activeThresholdDB)
        }
        var gain = (reference / (noisePower * SignalPower.pow10(draw.snrDB / 10))).squareRoot()
        if case .calibrated(let c) = mode, gain * noisePower.squareRoot() < c.minNoiseRMS {
            gain = c.minNoiseRMS / noisePower.squareRoot()
        }
        guard gain > 0 else { return }

        let k = Float(gain)
        var peak: Float = 0
        samples.withUnsafeMutableBufferPointer { buf in
            noise.withUnsafeBufferPointer { nz in
                var j = draw.offset
                for i in 0..<count {
                    buf[i] += k * nz[j]
                    peak = max(peak, abs(buf[i]))
                    j += 1
                    if j == nLen { j = 0 }
                }
            }
        }
        if case .calibrated(let c) = mode, peak > 1 {
            let s = c.peakLimit / peak
            samples.withUnsafeMutableBufferPointer { buf in
                for i in buf.indices { buf[i] *= s }
            }
        }
    }
}
