import CSoxr

/// libsoxr at HQ quality, driven exactly like python-soxr's `resample()` (which librosa's default
/// `soxr_hq` calls): one soxr_create per signal, soxr_process over input chunks of 48000·in/out
/// frames, then a flush, then librosa's `fix_length` to ceil(n·out/in).
public enum Resampler {
    /// Resamples `samples` from `from` Hz to `to` Hz; returns the input unchanged when the rates match.
    public static func resample(_ samples: [Float], from: Int, to: Int) -> [Float] {
        if from == to || samples.isEmpty { return samples }
        let inRate = Double(from), outRate = Double(to)
        var error: soxr_error_t?
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        guard let soxr = soxr_create(inRate, outRate, 1, &error, &io, &quality, nil), error == nil else {
            preconditionFailure("soxr_create failed: \(error.map { String(cString: $0) } ?? "?")")
        }
        defer { soxr_delete(soxr) }
        let n = samples.count
        let capacity = Int(Double(n) * outRate / inRate) + 1
        let chunk = Int(48000 * inRate / outRate)
        let wanted = Int((Double(n) * outRate / inRate).rounded(.up))
        var out = [Float](repeating: 0, count: max(capacity, wanted))
        samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var produced = 0
                var idx = 0
                var done = 0
                while idx < n {
                    soxr_process(soxr, src.baseAddress! + idx, min(chunk, n - idx), nil,
                                 dst.baseAddress! + produced, capacity - produced, &done)
                    produced += done
                    idx += chunk
                }
                soxr_process(soxr, nil, 0, nil, dst.baseAddress! + produced, capacity - produced, &done)
                produced += done
                // fix_length: zero the tail past what soxr produced.
                for i in produced..<dst.count { dst[i] = 0 }
            }
        }
        if out.count != wanted { out.removeLast(out.count - wanted) }
        return out
    }
}
