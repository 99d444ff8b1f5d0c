import Foundation

/// Band-limited resampling by a windowed sinc, evaluated directly in the time domain (no FFT).
///
/// Output sample j is the input read at position j·ratio, interpolated with a Blackman-windowed sinc of
/// `zeroCrossings` lobes each side. When ratio > 1 (fewer output samples) the sinc's cutoff is lowered
/// to the output's Nyquist frequency, so content that would fold back is removed instead of aliasing.
/// More lobes make a sharper transition at a proportional cost; `rolloff` < 1 moves the cut-off below
/// Nyquist so that the transition band ends there instead of straddling it.
struct SincResampler {
    static let tableResolution = 256  // kernel samples per unit of sinc argument

    /// Lobes of the sinc each side of the centre.
    let zeroCrossings: Int
    /// The cut-off as a fraction of the lower of the input's and output's Nyquist frequencies.
    let rolloff: Double
    /// kernel[i] = sinc(u)·blackman(u / Z) at u = i / resolution, u in [0, Z]; linear lookup between.
    private let kernel: [Double]

    /// A resampler with `zeroCrossings` lobes each side and its cut-off at `rolloff` × Nyquist.
    init(zeroCrossings: Int, rolloff: Double = 1) {
        self.zeroCrossings = zeroCrossings
        self.rolloff = rolloff
        let z = Double(zeroCrossings)
        let n = zeroCrossings * Self.tableResolution
        kernel = (0...n + 1).map { i in
            let u = Double(i) / Double(Self.tableResolution)
            if u >= z { return 0 }
            let sinc = u == 0 ? 1 : sin(Double.pi * u) / (Double.pi * u)
            let w = 0.42 + 0.5 * cos(Double.pi * u / z) + 0.08 * cos(2 * Double.pi * u / z)
            return sinc * w
        }
    }

    /// Pitch shifting's resampler: eight lobes, cut-off at Nyquist — short and cheap, with a soft edge.
    static let standard = SincResampler(zeroCrossings: 8)

    /// `standard.resample`.
    static func resample(_ x: [Float], ratio: Double, outputLength: Int) -> [Float] {
        standard.resample(x, ratio: ratio, outputLength: outputLength)
    }

    /// Reads `x` at positions j·ratio for j in 0..<outputLength (zeros outside the input).
    func resample(_ x: [Float], ratio: Double, outputLength: Int) -> [Float] {
        let cutoff = min(1, 1 / ratio) * rolloff
        let half = Double(zeroCrossings) / cutoff  // support half-width in input samples
        let scale = Double(Self.tableResolution) * cutoff
        var out = [Float](repeating: 0, count: outputLength)
        kernel.withUnsafeBufferPointer { k in
            x.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    let n = src.count
                    for j in 0..<outputLength {
                        let t = Double(j) * ratio
                        let lo = max(0, Int((t - half).rounded(.up)))
                        let hi = min(n - 1, Int((t + half).rounded(.down)))
                        guard lo <= hi else { continue }
                        var acc = 0.0
                        for i in lo...hi {
                            let u = abs(t - Double(i)) * scale
                            let m = Int(u)
                            let f = u - Double(m)
                            acc += Double(src[i]) * (k[m] + f * (k[m + 1] - k[m]))
                        }
                        dst[j] = Float(acc * cutoff)
                    }
                }
            }
        }
        return out
    }
}
