import CFFTW
import Foundation

/// Turns waves into log-mel features with fixed settings. Holds its FFT buffers, window and
/// filterbank, so make one per thread and reuse it; each stage is public so callers (e.g.
/// spectrogram augmentation) can step in between dB and normalisation.
public final class FeatureExtractor {
    /// The settings every stage uses.
    public let settings: FeatureSettings
    /// Mel filterbank, (nMels, nFFT/2+1) row-major.
    public let filterbank: [Float]
    private let window: [Double]
    private let plan: fftw_plan
    private let frameBuffer: UnsafeMutablePointer<Double>
    private let spectrum: UnsafeMutablePointer<fftw_complex>
    /// `lanes` frames of power spectra, bin-major: `powers[k * lanes + j]`.
    private let powers: UnsafeMutablePointer<Float>
    private static let lanes = MelProjection.lanes
    private let powerRow: UnsafeMutablePointer<Float>
    /// `lanes` frames of mel sums, band-major.
    private let melSums: UnsafeMutablePointer<Float>
    private let resampler: ResamplerPool
    /// For each mel band, the first FFT bin with a non-zero weight and how many follow.
    private let bandSpans: [(start: Int, count: Int)]

    /// Validates `settings` and precomputes window, plan and filterbank.
    public init(settings: FeatureSettings = FeatureSettings()) throws(FeatureSettingsError) {
        try settings.validate()
        self.settings = settings
        let n = settings.nFFT, bins = n / 2 + 1
        filterbank = MelFilterbank.weights(sampleRate: settings.sampleRate, nFFT: n, nMels: settings.nMels,
                                           fmin: settings.fmin, fmax: settings.effectiveFmax)
        // Periodic Hann (scipy get_window('hann', n, fftbins=True)), evaluated in Double like scipy.
        window = (0..<n).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n)) }
        plan = FFTPlans.realForward(n)
        frameBuffer = fftw_alloc_real(n)
        spectrum = fftw_alloc_complex(bins)
        powers = .allocate(capacity: bins * Self.lanes)
        powers.initialize(repeating: 0, count: bins * Self.lanes)
        powerRow = .allocate(capacity: bins)
        melSums = .allocate(capacity: settings.nMels * Self.lanes)
        resampler = ResamplerPool(target: settings.sampleRate)
        var spans: [(Int, Int)] = []
        for m in 0..<settings.nMels {
            let row = filterbank[(m * bins)..<((m + 1) * bins)]
            if let first = row.firstIndex(where: { $0 != 0 }), let last = row.lastIndex(where: { $0 != 0 }) {
                spans.append((first - m * bins, last - first + 1))
            } else {
                spans.append((0, 0))
            }
        }
        bandSpans = spans
    }

    deinit {
        fftw_free(frameBuffer)
        fftw_free(spectrum)
        powers.deallocate()
        powerRow.deallocate()
        melSums.deallocate()
    }

    /// Stage 1: the decoded clip at `settings.sampleRate` (soxr HQ, as librosa.load(sr=...)).
    public func wave(_ audio: DecodedAudio) -> [Float] {
        resampler.resample(audio.samples, from: audio.sampleRate)
    }

    /// Number of STFT frames for a wave of `count` samples.
    public func frameCount(samples count: Int) -> Int {
        settings.center ? 1 + count / settings.hopLength
            : 1 + max(0, count - settings.nFFT) / settings.hopLength
    }

    /// Stage 2: power_to_db(melspectrogram) as a (frames × nMels) row-major matrix (time first).
    /// A wave shorter than one FFT frame is zero-padded, so it still yields at least one frame.
    public func melDB(wave: [Float]) -> MelSpectrogram {
        let s = settings, n = s.nFFT, bins = n / 2 + 1, mels = s.nMels
        let frames = frameCount(samples: wave.count)
        let pad = s.center ? n / 2 : 0
        let lanes = Self.lanes
        var out = [Float](unsafeUninitializedCapacity: frames * mels) { _, count in count = frames * mels }
        wave.withUnsafeBufferPointer { y in
        window.withUnsafeBufferPointer { w in
        out.withUnsafeMutableBufferPointer { dst in
            let count = y.count
            var t0 = 0
            while t0 < frames {
                // Eight frames' power spectra side by side (bin-major), so the mel sums run eight frames per instruction.
                let batch = min(lanes, frames - t0)
                for j in 0..<batch {
                    let start = (t0 + j) * s.hopLength - pad
                    if start >= 0 && start + n <= count {
                        let src = y.baseAddress! + start
                        for i in 0..<n { frameBuffer[i] = Double(src[i]) * w[i] }
                    } else {
                        for i in 0..<n {
                            let k = start + i
                            let v: Float
                            if k >= 0 && k < count { v = y[k] }
                            else if s.padMode == .reflect && count > 1 { v = y[Self.reflect(k, count)] }
                            else { v = 0 }
                            frameBuffer[i] = Double(v) * w[i]
                        }
                    }
                    fftw_execute_dft_r2c(plan, frameBuffer, spectrum)
                    power(bins: bins, into: powers + j, stride: lanes)
                }
                MelProjection.apply(powers, weights: filterbank, spans: bandSpans, bins: bins, scratch: melSums,
                                    into: dst.baseAddress! + t0 * mels, mels: mels, frames: batch)
                t0 += batch
            }
            let peak = DecibelConversion.powerToDB(dst)
            if let top = s.topDB { DecibelConversion.clip(dst, below: peak - Float(top)) }
        }}}
        return MelSpectrogram(values: out, frames: frames, mels: mels)
    }

    /// |X|² of each bin from the spectrum rounded to complex64 (librosa's dtype), in float32.
    /// librosa squares the float32 magnitude; re² + im² differs from that by at most an ulp
    /// and skips a square root per bin. Written to `into[k * stride]`.
    private func power(bins: Int, into p: UnsafeMutablePointer<Float>, stride: Int) {
        let c = UnsafeRawPointer(spectrum).assumingMemoryBound(to: Double.self)
        let row = powerRow
        // Computed contiguously first so the loop vectorises, then spread out.
        for k in 0..<bins {
            let re = Float(c[2 * k]), im = Float(c[2 * k + 1])
            row[k] = re * re + im * im
        }
        for k in 0..<bins { p[k * stride] = row[k] }
    }

    /// Stage 3: normalise (per settings) and pad/truncate to maxFrames; (maxFrames × nMels) row-major.
    public func modelInput(_ mel: MelSpectrogram) -> Features {
        Features(normalizing: mel, settings.normalization)
    }

    /// All stages for one decoded clip; the unpadded, normalised features.
    public func features(_ audio: DecodedAudio) -> Features {
        modelInput(melDB(wave: wave(audio)))
    }

    private static func reflect(_ j: Int, _ n: Int) -> Int {
        let period = 2 * (n - 1)
        var k = j % period
        if k < 0 { k += period }
        return k < n ? k : period - k
    }
}
