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
    private var power: [Float]
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
        power = [Float](repeating: 0, count: bins)
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
        var out = [Float](repeating: 0, count: frames * mels)
        wave.withUnsafeBufferPointer { y in
        window.withUnsafeBufferPointer { w in
        filterbank.withUnsafeBufferPointer { fb in
        power.withUnsafeMutableBufferPointer { p in
        out.withUnsafeMutableBufferPointer { dst in
            let count = y.count
            for t in 0..<frames {
                let start = t * s.hopLength - pad
                if start >= 0 && start + n <= count {
                    let src = y.baseAddress! + start
                    for i in 0..<n { frameBuffer[i] = Double(src[i]) * w[i] }
                } else {
                    for i in 0..<n {
                        let j = start + i
                        let v: Float
                        if j >= 0 && j < count { v = y[j] }
                        else if s.padMode == .reflect && count > 1 { v = y[Self.reflect(j, count)] }
                        else { v = 0 }
                        frameBuffer[i] = Double(v) * w[i]
                    }
                }
                fftw_execute_dft_r2c(plan, frameBuffer, spectrum)
                for k in 0..<bins {
                    let re = Float(spectrum[k].0), im = Float(spectrum[k].1)
                    // librosa takes |X| in float32 then squares it.
                    let mag = (re * re + im * im).squareRoot()
                    p[k] = mag * mag
                }
                let row = dst.baseAddress! + t * mels
                for m in 0..<mels {
                    let span = bandSpans[m]
                    let weights = fb.baseAddress! + m * bins
                    var acc: Float = 0
                    for k in span.start..<(span.start + span.count) { acc += weights[k] * p[k] }
                    row[m] = acc
                }
            }
            Self.powerToDB(dst, topDB: s.topDB.map(Float.init))
        }}}}}
        return MelSpectrogram(values: out, frames: frames, mels: mels)
    }

    /// Stage 3: normalise (per settings) and pad/truncate to maxFrames; (maxFrames × nMels) row-major.
    public func modelInput(_ mel: MelSpectrogram) -> Features {
        Features(normalizing: mel, settings.normalization)
    }

    /// All stages for one decoded clip; the unpadded, normalised features.
    public func features(_ audio: DecodedAudio) -> Features {
        modelInput(melDB(wave: wave(audio)))
    }

    /// 10·log10(max(1e-10, S)) with ref 1, then clipped below at max - topDB (librosa.power_to_db).
    static func powerToDB(_ x: UnsafeMutableBufferPointer<Float>, topDB: Float?) {
        var peak = -Float.infinity
        for i in x.indices {
            let v = 10 * log10f(max(1e-10, x[i]))
            x[i] = v
            peak = max(peak, v)
        }
        if let top = topDB {
            let floor = peak - top
            for i in x.indices where x[i] < floor { x[i] = floor }
        }
    }

    private static func reflect(_ j: Int, _ n: Int) -> Int {
        let period = 2 * (n - 1)
        var k = j % period
        if k < 0 { k += period }
        return k < n ? k : period - k
    }
}
