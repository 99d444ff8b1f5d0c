import Foundation

/// Lanes of the FFT: four independent transforms side by side, one per SIMD lane, so every butterfly is a
/// vector operation with no shuffles (frames of a spectrogram are independent and equally long).
typealias FFTLanes = SIMD4<Double>

/// A radix-2 complex FFT of one power-of-two length in double precision (TFLite's RFFT2D computes in double
/// too), run on `FFTLanes` transforms at once. Read-only once made, so one plan serves every thread.
final class FFTPlan: @unchecked Sendable {
    /// The complex transform length.
    let n: Int
    private let bitReversed: [Int]
    /// e^{-2πik/size} for k < size/2, for each stage size 2, 4, ..., n one after the other.
    private let cosines: [Double], sines: [Double]

    init(complexLength n: Int) {
        precondition(n >= 1 && n & (n - 1) == 0, "FFT length \(n) is not a power of two")
        self.n = n
        var bits = 0
        while 1 << bits < n { bits += 1 }
        bitReversed = (0..<n).map { i in
            var r = 0
            for b in 0..<bits where i & (1 << b) != 0 { r |= 1 << (bits - 1 - b) }
            return r
        }
        var c: [Double] = [], s: [Double] = []
        var size = 2
        while size <= n {
            for k in 0..<(size / 2) {
                c.append(Foundation.cos(-2 * Double.pi * Double(k) / Double(size)))
                s.append(Foundation.sin(-2 * Double.pi * Double(k) / Double(size)))
            }
            size *= 2
        }
        cosines = c
        sines = s
    }

    /// In-place forward transform of `n` complex values per lane (separate real and imaginary arrays).
    func forward(_ re: UnsafeMutablePointer<FFTLanes>, _ im: UnsafeMutablePointer<FFTLanes>) {
        for i in 0..<n {
            let j = bitReversed[i]
            if j > i { swap(&re[i], &re[j]); swap(&im[i], &im[j]) }
        }
        cosines.withUnsafeBufferPointer { cp in
            sines.withUnsafeBufferPointer { sp in
                var size = 2, twiddle = 0
                while size <= n {
                    let half = size / 2
                    var start = 0
                    while start < n {
                        for k in 0..<half {
                            let wr = FFTLanes(repeating: cp[twiddle + k]), wi = FFTLanes(repeating: sp[twiddle + k])
                            let a = start + k, b = a + half
                            let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                            re[b] = re[a] - tr; im[b] = im[a] - ti
                            re[a] += tr; im[a] += ti
                        }
                        start += size
                    }
                    twiddle += half
                    size *= 2
                }
            }
        }
    }
}

/// The forward FFT of `length` real values (a power of two), giving `length/2 + 1` complex values, by the
/// even/odd packing trick on a complex FFT of half the length; `FFTLanes` transforms at once.
final class RealFFTPlan: @unchecked Sendable {
    let length: Int
    private let half: FFTPlan?
    /// e^{-2πik/length} for k ≤ length/2.
    private let cosines: [Double], sines: [Double]

    init(length: Int) {
        precondition(length >= 1 && length & (length - 1) == 0, "FFT length \(length) is not a power of two")
        self.length = length
        half = length >= 2 ? FFTPlan(complexLength: length / 2) : nil
        cosines = (0...(length / 2)).map { Foundation.cos(-2 * Double.pi * Double($0) / Double(length)) }
        sines = (0...(length / 2)).map { Foundation.sin(-2 * Double.pi * Double($0) / Double(length)) }
    }

    /// Scratch of `length` lanes (real and imaginary halves of the packed sequence).
    func makeScratch() -> [FFTLanes] { [FFTLanes](repeating: .zero, count: Swift.max(length, 2)) }

    /// Transforms `x` (`length` values per lane) into `re`/`im` (`length/2 + 1` values per lane each).
    func forward(_ x: UnsafePointer<FFTLanes>, _ re: UnsafeMutablePointer<FFTLanes>, _ im: UnsafeMutablePointer<FFTLanes>,
                 scratch: UnsafeMutablePointer<FFTLanes>) {
        guard let half else { re[0] = x[0]; im[0] = .zero; return }
        let m = length / 2
        let zr = scratch, zi = scratch + m
        for k in 0..<m { zr[k] = x[2 * k]; zi[k] = x[2 * k + 1] }
        half.forward(zr, zi)
        for k in 0...m {
            let a = k % m, b = (m - k) % m
            // Even part E = (Z[k] + conj Z[m-k]) / 2, odd part O = (Z[k] - conj Z[m-k]) / 2i.
            let er = (zr[a] + zr[b]) * 0.5, ei = (zi[a] - zi[b]) * 0.5
            let or = (zi[a] + zi[b]) * 0.5, oi = (zr[b] - zr[a]) * 0.5
            let wr = FFTLanes(repeating: cosines[k]), wi = FFTLanes(repeating: sines[k])
            re[k] = er + or * wr - oi * wi
            im[k] = ei + or * wi + oi * wr
        }
    }
}
