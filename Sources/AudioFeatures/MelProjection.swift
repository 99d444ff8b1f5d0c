/// Mel band sums for a batch of frames. Each band's weights are non-zero on a short run of bins,
/// so only that run is summed; with frames in SIMD lanes every band costs one multiply-add per bin
/// for eight frames. Per frame the sum runs over bins in ascending order from zero, exactly as a
/// scalar loop would, so the result does not depend on how frames are batched.
enum MelProjection {
    /// Frames per batch (SIMD lanes).
    static let lanes = 8

    /// `out[j * mels + m] = Σ_k weights[m * bins + k] · powers[k * lanes + j]` for j < frames.
    /// `scratch` holds `mels · lanes` floats: the sums land there band-major (one vector store per
    /// band) and are then transposed into `out`, which is cheaper than extracting lanes one by one.
    static func apply(_ powers: UnsafePointer<Float>, weights: [Float], spans: [(start: Int, count: Int)], bins: Int,
                      scratch: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>, mels: Int, frames: Int) {
        let columns = UnsafeRawPointer(powers)
        let sums = UnsafeMutableRawPointer(scratch)
        weights.withUnsafeBufferPointer { fb in
            for m in 0..<mels {
                let span = spans[m]
                let row = fb.baseAddress! + m * bins
                var acc = SIMD8<Float>(repeating: 0)
                for k in span.start..<(span.start + span.count) {
                    acc += SIMD8(repeating: row[k]) * columns.loadUnaligned(fromByteOffset: k * lanes * 4, as: SIMD8<Float>.self)
                }
                sums.storeBytes(of: acc, toByteOffset: m * lanes * 4, as: SIMD8<Float>.self)
            }
        }
        for j in 0..<frames {
            let dst = out + j * mels
            for m in 0..<mels { dst[m] = scratch[m * lanes + j] }
        }
    }
}
