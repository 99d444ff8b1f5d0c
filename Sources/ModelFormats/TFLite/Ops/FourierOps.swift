import TensorCore

/// RFFT2D: the 2-D real FFT of the last two axes, zero-padded or cropped to fft_length (powers of two), giving
/// [..., fft_height, fft_width/2 + 1] complex values. Rows are transformed by a real FFT, then columns by a
/// complex one, four planes at a time in SIMD lanes; groups of planes are split over TensorCore's worker pool.
enum FourierOps {
    static let rfft2D = OpDefinition(code: 131, name: "RFFT2D") { site in
        try site.expect(inputs: 2...2, outputs: 1)
        try site.require(input: 0, [.float32])
        try site.require(input: 1, [.int32], what: "fft_length")
        try site.require(output: 0, [.complex64])
        var constantPlans: Plans?
        if let lengths = site.constant(1) {
            do { constantPlans = try Plans(try lengths.ints("fft_length")) } catch let f as OpFailure { throw site.invalid(f.reason) }
        }
        return { inputs in
            let x = try inputs.value(0).float("input")
            let plans = try constantPlans ?? Plans(try inputs.value(1).ints("fft_length"))
            guard x.rank >= 2 else { throw OpFailure("input shape \(x.shape) has fewer than 2 axes") }
            _ = try ElementCount.checked(Array(x.shape.dropLast(2)) + [plans.height, plans.width / 2 + 1, 2])
            return [.complex64(transform(x, plans))]
        }
    }

    private struct Plans {
        let height: Int, width: Int
        let rows: RealFFTPlan
        let columns: FFTPlan

        init(_ lengths: [Int]) throws {
            guard lengths.count == 2, lengths.allSatisfy({ $0 >= 1 && $0 & ($0 - 1) == 0 && $0 <= 1 << 20 }) else {
                throw OpFailure("fft_length \(lengths) must be two powers of two up to 2^20")
            }
            height = lengths[0]
            width = lengths[1]
            rows = RealFFTPlan(length: width)
            columns = FFTPlan(complexLength: height)
        }
    }

    /// The 2-D transforms of the `batch` [h, w] planes of `x`, `FFTLanes` planes at a time (the last group padded
    /// with zero planes whose results are dropped), groups split over the worker pool.
    private static func transform(_ x: Tensor, _ plans: Plans) -> HostArray<Complex64> {
        let h = x.shape[x.rank - 2], w = x.shape[x.rank - 1]
        let batch = x.shape.dropLast(2).reduce(1, *)
        let fh = plans.height, fw = plans.width, bins = fw / 2 + 1, lanes = FFTLanes.scalarCount
        let groups = (batch + lanes - 1) / lanes, planeOut = fh * bins, used = Swift.min(w, fw)
        let parts = groups > 1 && batch * fh * fw >= 1 << 15 ? WorkerPool.splitParts : 1
        let out = [Complex64](unsafeUninitializedCapacity: batch * planeOut) { dst, written in
            x.withUnsafeBufferPointer { src in
                let dstBase = dst.baseAddress!, srcBase = src.baseAddress!
                WorkerPool.run(parts: parts) { part in
                    let zeros = [Float](repeating: 0, count: Swift.max(used, 1))
                    var discard = [Complex64](repeating: Complex64(re: 0, im: 0), count: planeOut)
                    var row = [FFTLanes](repeating: .zero, count: fw)
                    var scratch = plans.rows.makeScratch()
                    var re = [FFTLanes](repeating: .zero, count: planeOut), im = re
                    var colRe = [FFTLanes](repeating: .zero, count: fh), colIm = colRe
                    zeros.withUnsafeBufferPointer { zp in
                        discard.withUnsafeMutableBufferPointer { dp in
                            for g in stride(from: part, to: groups, by: parts) {
                                let first = g * lanes
                                // Lanes past the batch read zeros and write to a plane that is thrown away.
                                func plane(_ l: Int) -> Int? { first + l < batch ? first + l : nil }
                                for r in 0..<fh {
                                    func input(_ l: Int) -> UnsafePointer<Float> {
                                        guard let p = plane(l), r < h else { return zp.baseAddress! }
                                        return srcBase + (p * h + r) * w
                                    }
                                    let i0 = input(0), i1 = input(1), i2 = input(2), i3 = input(3)
                                    for c in 0..<used { row[c] = FFTLanes(Double(i0[c]), Double(i1[c]), Double(i2[c]), Double(i3[c])) }
                                    for c in used..<fw { row[c] = .zero }
                                    re.withUnsafeMutableBufferPointer { rp in
                                        im.withUnsafeMutableBufferPointer { ip in
                                            plans.rows.forward(row, rp.baseAddress! + r * bins, ip.baseAddress! + r * bins,
                                                               scratch: &scratch)
                                        }
                                    }
                                }
                                if fh > 1 {
                                    for c in 0..<bins {
                                        for r in 0..<fh { colRe[r] = re[r * bins + c]; colIm[r] = im[r * bins + c] }
                                        plans.columns.forward(&colRe, &colIm)
                                        for r in 0..<fh { re[r * bins + c] = colRe[r]; im[r * bins + c] = colIm[r] }
                                    }
                                }
                                func output(_ l: Int) -> UnsafeMutablePointer<Complex64> {
                                    plane(l).map { dstBase + $0 * planeOut } ?? dp.baseAddress!
                                }
                                let o0 = output(0), o1 = output(1), o2 = output(2), o3 = output(3)
                                for i in 0..<planeOut {
                                    let a = FFTLanes.Float4(re[i]), b = FFTLanes.Float4(im[i])
                                    o0[i] = Complex64(re: a[0], im: b[0]); o1[i] = Complex64(re: a[1], im: b[1])
                                    o2[i] = Complex64(re: a[2], im: b[2]); o3[i] = Complex64(re: a[3], im: b[3])
                                }
                            }
                        }
                    }
                }
            }
            written = batch * planeOut
        }
        return HostArray(shape: Array(x.shape.dropLast(2)) + [fh, bins], values: out)
    }
}

private extension FFTLanes {
    typealias Float4 = SIMD4<Float>
}

private extension SIMD4 where Scalar == Float {
    /// Each lane rounded to Float, as TFLite stores its double FFT in complex64.
    init(_ v: SIMD4<Double>) { self.init(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3])) }
}
