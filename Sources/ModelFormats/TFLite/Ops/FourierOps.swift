import TensorCore

/// RFFT2D: the 2-D real FFT of the last two axes, zero-padded or cropped to fft_length (powers of two), giving
/// [..., fft_height, fft_width/2 + 1] complex values. Rows are transformed by a real FFT, then columns by a
/// complex one; the batch of 2-D transforms is split over TensorCore's worker pool.
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
            return [.complex64(transform(x, plans))]
        }
    }

    private struct Plans {
        let height: Int, width: Int
        let rows: RealFFTPlan
        let columns: FFTPlan

        init(_ lengths: [Int]) throws {
            guard lengths.count == 2, lengths.allSatisfy({ $0 >= 1 && $0 & ($0 - 1) == 0 && $0 <= 1 << 24 }) else {
                throw OpFailure("fft_length \(lengths) must be two powers of two")
            }
            height = lengths[0]
            width = lengths[1]
            rows = RealFFTPlan(length: width)
            columns = FFTPlan(complexLength: height)
        }
    }

    private static func transform(_ x: Tensor, _ plans: Plans) -> HostArray<Complex64> {
        let h = x.shape[x.rank - 2], w = x.shape[x.rank - 1]
        let batch = x.shape.dropLast(2).reduce(1, *)
        let fh = plans.height, fw = plans.width, bins = fw / 2 + 1
        var out = [Complex64](repeating: Complex64(re: 0, im: 0), count: batch * fh * bins)
        let parts = batch * fh * fw >= 1 << 15 ? WorkerPool.splitParts : 1
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                let dstBase = dst.baseAddress!
                WorkerPool.run(parts: parts) { part in
                    var row = [Double](repeating: 0, count: fw)
                    var scratch = plans.rows.makeScratch()
                    var re = [Double](repeating: 0, count: fh * bins), im = re
                    var colRe = [Double](repeating: 0, count: fh), colIm = colRe
                    let mine = stride(from: part, to: batch, by: parts)
                    for b in mine {
                        for r in 0..<fh {
                            for c in 0..<fw { row[c] = r < h && c < w ? Double(src[(b * h + r) * w + c]) : 0 }
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
                        let o = dstBase + b * fh * bins
                        for i in 0..<(fh * bins) { o[i] = Complex64(re: Float(re[i]), im: Float(im[i])) }
                    }
                }
            }
        }
        return HostArray(shape: Array(x.shape.dropLast(2)) + [fh, bins], values: out)
    }
}
