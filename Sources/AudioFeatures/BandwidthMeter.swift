import CFFTW
import Foundation

/// Measures a clip's effective bandwidth: the frequency below which a given share (99 %) of its spectral energy
/// lies, from the power spectrum averaged over Hann-windowed frames at the clip's native rate. A clip recorded at
/// 8 kHz and stored at 44.1 kHz keeps its 4 kHz ceiling here, which its header's rate hides; that ceiling can tell
/// the classes of a dataset apart on its own (see `soundlab audit`).
///
/// Holds its FFT buffers: make one per thread and reuse it.
public final class BandwidthMeter {
    /// Samples per frame (a power of two); frames overlap by half.
    public let frameLength: Int
    private let window: [Double]
    private let plan: fftw_plan
    private let frame: UnsafeMutablePointer<Double>
    private let spectrum: UnsafeMutablePointer<fftw_complex>
    /// Power summed over the frames of the clip in hand, one per bin.
    private var power: [Double]

    /// A meter reading `frameLength`-sample frames; 2048 resolves 4 Hz at 8 kHz and 23 Hz at 48 kHz.
    public init(frameLength: Int = 2048) {
        precondition(frameLength >= 16 && frameLength & (frameLength - 1) == 0, "frameLength must be a power of two ≥ 16")
        self.frameLength = frameLength
        window = Self.hann(frameLength)
        plan = FFTPlans.realForward(frameLength)
        frame = fftw_alloc_real(frameLength)
        spectrum = fftw_alloc_complex(frameLength / 2 + 1)
        power = [Double](repeating: 0, count: frameLength / 2 + 1)
    }

    deinit {
        fftw_free(frame)
        fftw_free(spectrum)
    }

    /// The frequency in Hz below which `share` of the energy of `samples` (at `sampleRate`) lies: the first FFT bin
    /// whose cumulative power reaches it, so the answer is a multiple of `sampleRate / frameLength`. The clip's
    /// mean is removed first (a DC offset is not bandwidth). A silent clip has no energy and measures 0.
    public func bandwidth(of samples: [Float], sampleRate: Int, share: Double = 0.99) -> Double {
        precondition(share > 0 && share <= 1, "share must be in (0, 1]")
        guard sampleRate > 0, !samples.isEmpty else { return 0 }
        accumulatePower(samples)
        let total = power.reduce(0, +)
        guard total > 0, total.isFinite else { return 0 }
        let target = share * total
        var cumulative = 0.0
        for (k, p) in power.enumerated() {
            cumulative += p
            if cumulative >= target { return Double(k) * Double(sampleRate) / Double(frameLength) }
        }
        return Double(sampleRate) / 2
    }

    /// Sums the frames' power spectra into `power`. Only whole frames are read, since a frame cut off by the clip's
    /// end splatters energy over every bin; a clip shorter than one frame is read as a single frame under a Hann
    /// window of its own length, zero-padded.
    private func accumulatePower(_ samples: [Float]) {
        let n = frameLength, bins = n / 2 + 1, hop = n / 2
        let mean = samples.reduce(0.0) { $0 + Double($1) } / Double(samples.count)
        for k in 0..<bins { power[k] = 0 }
        samples.withUnsafeBufferPointer { x in
            if x.count < n {
                let short = Self.hann(x.count)
                for i in 0..<n { frame[i] = i < x.count ? (Double(x[i]) - mean) * short[i] : 0 }
                addFrame()
                return
            }
            window.withUnsafeBufferPointer { w in
                var start = 0
                while start + n <= x.count {
                    for i in 0..<n { frame[i] = (Double(x[start + i]) - mean) * w[i] }
                    addFrame()
                    start += hop
                }
            }
        }
    }

    private func addFrame() {
        fftw_execute_dft_r2c(plan, frame, spectrum)
        let bins = frameLength / 2 + 1
        let parts = UnsafeRawPointer(spectrum).assumingMemoryBound(to: Double.self)
        power.withUnsafeMutableBufferPointer { p in
            for k in 0..<bins {
                let re = parts[2 * k], im = parts[2 * k + 1]
                p[k] += re * re + im * im
            }
        }
    }

    /// Periodic Hann window of `n` points (n ≥ 1).
    private static func hann(_ n: Int) -> [Double] {
        n == 1 ? [1] : (0..<n).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n)) }
    }
}
