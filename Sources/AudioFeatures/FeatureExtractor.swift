import CFeatureKernels
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
    private static let lanes = Int(SL_LANES)
    /// `lanes` frames of power spectra, one row each: `powerRows[j * bins + k]`.
    private let powerRows: UnsafeMutablePointer<Float>
    /// The same, interleaved bin-major: `powers[k * lanes + j]`.
    private let powers: UnsafeMutablePointer<Float>
    /// `lanes` frames of mel sums, band-major.
    private let melSums: UnsafeMutablePointer<Float>
    private let resampler: ResamplerPool
    /// The resampled wave of the clip in hand, reused clip after clip (see `melDB(wavBytes:path:)`).
    private let waveScratch = ScratchFloats()
    /// For each mel band, the first FFT bin with a non-zero weight and how many follow.
    private let spanStarts: [Int32], spanCounts: [Int32]

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
        // Zeroed once: the rows of frames past the end of a clip stay stale but finite, and only feed lanes nobody reads.
        powerRows = .allocate(capacity: bins * Self.lanes)
        powerRows.initialize(repeating: 0, count: bins * Self.lanes)
        powers = .allocate(capacity: bins * Self.lanes)
        melSums = .allocate(capacity: settings.nMels * Self.lanes)
        resampler = ResamplerPool(target: settings.sampleRate)
        var starts: [Int32] = [], counts: [Int32] = []
        for m in 0..<settings.nMels {
            let row = filterbank[(m * bins)..<((m + 1) * bins)]
            if let first = row.firstIndex(where: { $0 != 0 }), let last = row.lastIndex(where: { $0 != 0 }) {
                starts.append(Int32(first - m * bins)); counts.append(Int32(last - first + 1))
            } else {
                starts.append(0); counts.append(0)
            }
        }
        (spanStarts, spanCounts) = (starts, counts)
    }

    deinit {
        fftw_free(frameBuffer)
        fftw_free(spectrum)
        powerRows.deallocate()
        powers.deallocate()
        melSums.deallocate()
    }

    /// Stage 1: the decoded clip at `settings.sampleRate` (soxr HQ, as librosa.load(sr=...)).
    public func wave(_ audio: DecodedAudio) -> [Float] {
        resampler.resample(audio.samples, from: audio.sampleRate)
    }

    /// Stages 1 and 2 from a WAV file's bytes, with the same bits as `melDB(wave: wave(AudioDecoder.decode(...)))`.
    /// Mono 16-bit PCM, the dataset's commonest layout, is never copied to floats: soxr reads it as integers
    /// when it needs resampling, and the STFT windows it directly when it is already at the target rate (both
    /// scale by 2^-15 exactly as the decoder does). Anything else, and every file the shortcut does not fully
    /// understand, goes through the decoder, which owns the error messages. Either way a resampled wave lands
    /// in this extractor's reused buffer, not a new array.
    func melDB(wavBytes bytes: Data, path: String) throws(AudioDecodeError) -> MelSpectrogram {
        let direct: MelSpectrogram? = bytes.withUnsafeBytes { raw in
            guard UInt16(littleEndian: 1) == 1, let layout = try? WAVLayout.parse(raw),
                  layout.formatTag == WAVLayout.pcm, layout.bitsPerSample == 16, layout.channels == 1,
                  max(layout.blockAlign, 2) == 2, layout.data.count >= 2, layout.data.lowerBound % 2 == 0,
                  Int(bitPattern: raw.baseAddress!) % 2 == 0 else { return nil }
            let start = layout.data.lowerBound
            let pcm = UnsafeRawBufferPointer(rebasing: raw[start..<(start + layout.data.count / 2 * 2)])
            if layout.sampleRate == settings.sampleRate {
                return melDB(samples: .int16(pcm))
            }
            return melDB(samples: .float(resampler.resample(pcm, input: .int16, from: layout.sampleRate, into: waveScratch)))
        }
        if let direct { return direct }
        let audio = try AudioDecoder.decode(bytes, path: path)
        if audio.sampleRate == settings.sampleRate { return melDB(wave: audio.samples) }
        return audio.samples.withUnsafeBytes {
            melDB(samples: .float(resampler.resample($0, input: .float32, from: audio.sampleRate, into: waveScratch)))
        }
    }

    /// Number of STFT frames for a wave of `count` samples.
    public func frameCount(samples count: Int) -> Int {
        settings.center ? 1 + count / settings.hopLength
            : 1 + max(0, count - settings.nFFT) / settings.hopLength
    }

    /// Stage 2: power_to_db(melspectrogram) as a (frames × nMels) row-major matrix (time first).
    /// A wave shorter than one FFT frame is zero-padded, so it still yields at least one frame.
    public func melDB(wave: [Float]) -> MelSpectrogram {
        wave.withUnsafeBufferPointer { melDB(samples: .float($0)) }
    }

    /// A clip's samples as the STFT reads them: floats, or the raw bytes of 2-byte-aligned little-endian 16-bit
    /// PCM (read, not rebound, since they belong to a `Data`), scaled by 2^-15 on the fly as the decoder scales them.
    private enum Samples {
        case float(UnsafeBufferPointer<Float>)
        case int16(UnsafeRawBufferPointer)

        var count: Int {
            switch self {
            case .float(let p): p.count
            case .int16(let p): p.count / 2
            }
        }

        subscript(k: Int) -> Float {
            switch self {
            case .float(let p): p[k]
            case .int16(let p): Float(p.load(fromByteOffset: 2 * k, as: Int16.self)) * (1 / 32768)
            }
        }

        /// `n` windowed samples from `start` (all inside the clip) into `dst`.
        func window(from start: Int, _ window: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>, _ n: Int) {
            switch self {
            case .float(let p): sl_window(p.baseAddress! + start, window, dst, n)
            case .int16(let p): sl_window_i16((p.baseAddress! + 2 * start).assumingMemoryBound(to: Int16.self), window, dst, n)
            }
        }
    }

    private func melDB(samples y: Samples) -> MelSpectrogram {
        let s = settings, n = s.nFFT, bins = n / 2 + 1, mels = s.nMels
        let frames = frameCount(samples: y.count)
        let pad = s.center ? n / 2 : 0
        let lanes = Self.lanes
        var out = [Float](unsafeUninitializedCapacity: frames * mels) { _, count in count = frames * mels }
        window.withUnsafeBufferPointer { w in
        out.withUnsafeMutableBufferPointer { dst in
        filterbank.withUnsafeBufferPointer { fb in
        spanStarts.withUnsafeBufferPointer { starts in
        spanCounts.withUnsafeBufferPointer { counts in
            let count = y.count
            var t0 = 0
            while t0 < frames {
                // Eight frames' power spectra, interleaved bin by bin so the mel sums run eight frames per instruction.
                let batch = min(lanes, frames - t0)
                for j in 0..<batch {
                    let start = (t0 + j) * s.hopLength - pad
                    if start >= 0 && start + n <= count {
                        y.window(from: start, w.baseAddress!, into: frameBuffer, n)
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
                    sl_power(UnsafeRawPointer(spectrum).assumingMemoryBound(to: Double.self), powerRows + j * bins, bins)
                }
                sl_interleave(powerRows, bins, powers)
                sl_mel_sums(powers, fb.baseAddress!, starts.baseAddress!, counts.baseAddress!, bins, mels, batch,
                            melSums, dst.baseAddress! + t0 * mels)
                t0 += batch
            }
            let peak = sl_power_to_db(dst.baseAddress!, dst.count, 1e-10)
            if let top = s.topDB { sl_clip_below(dst.baseAddress!, dst.count, peak - Float(top)) }
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

    private static func reflect(_ j: Int, _ n: Int) -> Int {
        let period = 2 * (n - 1)
        var k = j % period
        if k < 0 { k += period }
        return k < n ? k : period - k
    }
}
