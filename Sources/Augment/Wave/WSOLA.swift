import Foundation

/// Waveform-similarity overlap-add (Verhelst & Roelands 1993): changes a signal's duration without
/// changing its pitch, in the time domain.
///
/// Output frames of `frameLength` samples (periodic Hann window, hop = frameLength / 2, so windows sum to
/// one) are centred at k·hop. The input frame for output frame k is centred near k·hop·(inputLength /
/// outputLength), moved by up to ± frameLength / 4 to the position whose waveform best matches (largest
/// cross-correlation) the natural continuation of the previous input frame, so overlapping frames add
/// in phase instead of beating.
struct WSOLA {
    let frameLength: Int

    /// Stretches or compresses `x` to exactly `outputLength` samples.
    func stretch(_ x: [Float], to outputLength: Int) -> [Float] {
        let n = frameLength
        let hop = n / 2
        let tolerance = n / 4
        let analysisHop = Double(hop) * Double(x.count) / Double(outputLength)
        let window: [Float] = (0..<n).map { i in
            let s = sin(Float.pi * Float(i) / Float(n))
            return s * s  // periodic Hann: sin²(πi/N) = 0.5 − 0.5·cos(2πi/N)
        }
        // Pad so every read in [−(n/2 + tolerance), end + hop + n/2 + tolerance] is in bounds.
        let pad = n + tolerance + hop
        var padded = [Float](repeating: 0, count: x.count + 2 * pad + Int(analysisHop) + 2)
        for i in x.indices { padded[i + pad] = x[i] }

        var out = [Float](repeating: 0, count: outputLength + n)
        var weight = [Float](repeating: 0, count: outputLength + n)
        let frames = outputLength / hop + 2
        padded.withUnsafeBufferPointer { src in
            window.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { dst in
                    weight.withUnsafeMutableBufferPointer { wsum in
                        var previousStart = 0  // input start (in padded coordinates) of the previous frame
                        for k in 0..<frames {
                            let nominal = pad + Int((Double(k) * analysisHop).rounded()) - n / 2
                            var start = nominal
                            if k > 0 {
                                let template = previousStart + hop
                                var best = -Double.infinity
                                for delta in -tolerance...tolerance {
                                    let s = nominal + delta
                                    let c = Self.dot(src.baseAddress! + template, src.baseAddress! + s, n)
                                    if Double(c) > best {
                                        best = Double(c)
                                        start = s
                                    }
                                }
                            }
                            previousStart = start
                            // Output frame k covers [k·hop − n/2, k·hop + n/2); stored shifted by n/2.
                            let outStart = k * hop
                            for i in 0..<n where outStart + i < dst.count {
                                dst[outStart + i] += w[i] * src[start + i]
                                wsum[outStart + i] += w[i]
                            }
                        }
                    }
                }
            }
        }
        var result = [Float](repeating: 0, count: outputLength)
        let shift = n / 2
        for i in 0..<outputLength {
            let wv = weight[i + shift]
            result[i] = wv > 1e-6 ? out[i + shift] / wv : 0
        }
        return result
    }

    /// Dot product in eight lanes (fixed summation order, so results are reproducible); the search spends
    /// nearly all its time here and a single scalar accumulator would serialise on add latency.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            let va = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let vb = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            acc += va * vb  // not addProduct: without FMA in the baseline ISA it becomes a libm call per lane
            i += 8
        }
        var c = acc.sum()
        while i < n {
            c += a[i] * b[i]
            i += 1
        }
        return c
    }
}
