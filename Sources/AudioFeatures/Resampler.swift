import CSoxr

/// libsoxr at HQ quality, giving the bits of python-soxr's `resample()` (which librosa's default
/// `soxr_hq` calls): one fresh resampler per signal, the signal in, a flush, then librosa's `fix_length`
/// to ceil(n·out/in). python-soxr feeds chunks of 48000·in/out frames; we feed `chunk` frames at a time,
/// which gives the same bits (soxr's stages work in blocks of their own) and keeps soxr's buffers small.
public enum Resampler {
    /// Resamples `samples` from `from` Hz to `to` Hz; returns the input unchanged when the rates match.
    public static func resample(_ samples: [Float], from: Int, to: Int) -> [Float] {
        if from == to || samples.isEmpty { return samples }
        let soxr = create(from: from, to: to, input: .float32)
        defer { soxr_delete(soxr) }
        return samples.withUnsafeBytes { run(soxr, $0, input: .float32, from: from, to: to) }
    }

    /// What soxr reads. Int16 input is scaled by 2^-15 inside soxr, exactly as the decoder scales it, so
    /// both give the same bits; reading it directly skips the float copy of the clip.
    enum Input { case float32, int16 }

    static func create(from: Int, to: Int, input: Input) -> soxr_t {
        var error: soxr_error_t?
        var io = soxr_io_spec(input == .int16 ? SOXR_INT16_I : SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        guard let soxr = soxr_create(Double(from), Double(to), 1, &error, &io, &quality, nil), error == nil else {
            preconditionFailure("soxr_create failed: \(error.map { String(cString: $0) } ?? "?")")
        }
        return soxr
    }

    /// Runs a fresh (or `soxr_clear`ed) resampler over the whole signal (`samples`, in `input` format) and flushes it.
    static func run(_ soxr: soxr_t, _ samples: UnsafeRawBufferPointer, input: Input, from: Int, to: Int) -> [Float] {
        let n = samples.count / input.width
        let total = slots(for: n, from: from, to: to)
        var wanted = 0
        var out = [Float](unsafeUninitializedCapacity: total) { dst, initialized in
            wanted = run(soxr, samples, input: input, from: from, to: to, into: dst.baseAddress!)
            initialized = total
        }
        if out.count != wanted { out.removeLast(out.count - wanted) }
        return out
    }

    /// Input frames per `soxr_process` call. python-soxr's whole-clip chunks make soxr grow its FIFOs to the
    /// clip's size, copying as they grow; 8192 frames keep them small. Alone, a 2.5 s 44.1 kHz clip took 1.46 ms
    /// against 0.90; in a cold pass over the dataset it cut libc's copying by a fifth (~1.5 % of the pass).
    static let chunk = 8192

    /// Floats `run(_:_:input:from:to:into:)` may write for `n` input samples.
    static func slots(for n: Int, from: Int, to: Int) -> Int {
        let (capacity, wanted) = sizes(n, from: from, to: to)
        return max(capacity, wanted)
    }

    /// The same into `dst` (at least `slots(for:from:to:)` floats); returns the wave's length, ceil(n·to/from).
    static func run(_ soxr: soxr_t, _ samples: UnsafeRawBufferPointer, input: Input, from: Int, to: Int,
                    into dst: UnsafeMutablePointer<Float>) -> Int {
        let width = input.width
        let n = samples.count / width
        let (capacity, wanted) = sizes(n, from: from, to: to)
        var produced = 0
        var idx = 0
        var done = 0
        while idx < n {
            soxr_process(soxr, samples.baseAddress! + idx * width, min(Self.chunk, n - idx), nil,
                         dst + produced, capacity - produced, &done)
            produced += done
            idx += Self.chunk
        }
        soxr_process(soxr, nil, 0, nil, dst + produced, capacity - produced, &done)
        produced += done
        // fix_length: zero the tail past what soxr produced.
        for i in produced..<max(capacity, wanted) { dst[i] = 0 }
        return wanted
    }

    /// soxr's output room for `n` samples, and librosa's length after `fix_length`.
    private static func sizes(_ n: Int, from: Int, to: Int) -> (capacity: Int, wanted: Int) {
        let ratio = Double(to) / Double(from)
        return (Int(Double(n) * ratio) + 1, Int((Double(n) * ratio).rounded(.up)))
    }
}

extension Resampler.Input {
    var width: Int { self == .int16 ? 2 : 4 }
}

/// One soxr resampler per (source rate, input format), reused with `soxr_clear` (designing the HQ filter
/// costs more than running it on a short clip). Not thread-safe: each `FeatureExtractor` owns one.
final class ResamplerPool {
    private struct Key: Hashable { var rate: Int; var int16: Bool }
    private var pool: [Key: soxr_t] = [:]
    private let target: Int

    init(target: Int) { self.target = target }

    deinit { for (_, s) in pool { soxr_delete(s) } }

    func resample(_ samples: [Float], from: Int) -> [Float] {
        if from == target || samples.isEmpty { return samples }
        return samples.withUnsafeBytes { resample($0, input: .float32, from: from) }
    }

    /// `samples` in `input` format (native byte order), at `from` Hz, which must differ from the target.
    func resample(_ samples: UnsafeRawBufferPointer, input: Resampler.Input, from: Int) -> [Float] {
        Resampler.run(fresh(from: from, input: input), samples, input: input, from: from, to: target)
    }

    /// The same into `scratch`, which grows as needed: a worker resampling clip after clip reuses one buffer
    /// instead of page-faulting a new one in every time. Valid until the next call with `scratch`.
    func resample(_ samples: UnsafeRawBufferPointer, input: Resampler.Input, from: Int,
                  into scratch: ScratchFloats) -> UnsafeBufferPointer<Float> {
        let dst = scratch.reserve(Resampler.slots(for: samples.count / input.width, from: from, to: target))
        let count = Resampler.run(fresh(from: from, input: input), samples, input: input, from: from, to: target, into: dst)
        return UnsafeBufferPointer(start: dst, count: count)
    }

    /// A resampler for this rate and format with no signal in it yet.
    private func fresh(from: Int, input: Resampler.Input) -> soxr_t {
        let key = Key(rate: from, int16: input == .int16)
        if let cached = pool[key] {
            soxr_clear(cached)
            return cached
        }
        let soxr = Resampler.create(from: from, to: target, input: input)
        pool[key] = soxr
        return soxr
    }
}

/// A float buffer that only grows; for per-worker scratch space.
final class ScratchFloats {
    private var pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private var capacity = 1

    deinit { pointer.deallocate() }

    /// At least `count` floats (contents undefined).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            capacity = max(count, capacity * 2)
            pointer = .allocate(capacity: capacity)
        }
        return pointer
    }
}
