import Foundation

/// A vectorised logistic function for inference: eight lanes at a time with a polynomial eˣ, within a few units in
/// the last place of `sigmoid` and several times faster (the per-element libm exp is most of `sigmoid`'s time).
/// `sigmoid` itself keeps libm's exp so trained models keep their bits; a frozen backbone (ModelFormats) uses this.

extension Tensor {
    /// 1 / (1 + e⁻ˣ) with a vectorised exponential; NaN stays NaN, +∞ gives 1 and −∞ less than 1e-38 (below
    /// x = −87 the exponential saturates). The backward is sigmoid's.
    public func fastSigmoid() -> Tensor {
        let out = Tensor(uninitialized: shape)
        let x = pointer, y = out.pointer, n = count
        WorkerPool.forRanges(n) { r in
            let raw = UnsafeMutableRawPointer(y)
            var i = r.lowerBound
            while i + 8 <= r.upperBound {
                let v = UnsafeRawPointer(x).loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                raw.storeBytes(of: simdSigmoid(v), toByteOffset: i * 4, as: SIMD8<Float>.self)
                i += 8
            }
            if i < r.upperBound {
                // The tail through one padded vector, so every element takes the same path.
                var v = SIMD8<Float>(repeating: 0)
                for j in i..<r.upperBound { v[j - i] = x[j] }
                let s = simdSigmoid(v)
                for j in i..<r.upperBound { y[j] = s[j - i] }
            }
        }
        return out.record([self]) { [unowned self, unowned out] g in
            let gi = Tensor(uninitialized: self.shape)
            let gp = g.pointer, dst = gi.pointer, y = out.pointer
            for i in 0..<self.count { dst[i] = gp[i] * (y[i] * (1 - y[i])) }
            self.accumulate(gi)
        }
    }
}

/// 1 / (1 + e⁻ˣ) on eight lanes (a NaN lane stays NaN through the exponential).
@inline(__always)
func simdSigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let one = SIMD8<Float>(repeating: 1)
    return one / (one + simdExp(-x))
}

/// eˣ on eight lanes: x = k·ln2 + r with |r| ≤ ln2/2 (ln2 split in two for an exact k·ln2), then Cephes' expf
/// polynomial for eʳ and 2ᵏ built in the exponent bits. Inputs are clamped to where 2ᵏ is a normal float, so
/// eˣ saturates near 2^±126 instead of reaching 0 or ∞ (which 1/(1 + eˣ) turns into the right 0 or 1 anyway).
/// Written with plain lane arithmetic only, which the compiler turns into vector instructions.
@inline(__always)
func simdExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    // Clamped by compare-and-replace, which vectorises (pointwiseMin/Max cost as much as the rest); NaN passes.
    var x = x
    x.replace(with: SIMD8(repeating: 88.0), where: x .> 88.0)
    x.replace(with: SIMD8(repeating: -87.0), where: x .< -87.0)
    // Round x·log2(e) to the nearest integer by adding 1.5·2^23: k then sits in the low bits of the sum.
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let shifted = x * 1.442_695_04 + magic
    let k = shifted - magic
    let r = x - k * 0.693_359_375 - k * -2.121_944_4e-4
    var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_1e-1
    p = p * (r * r) + r + 1
    let ki = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
    return p * unsafeBitCast((ki &+ 127) &<< 23, to: SIMD8<Float>.self)
}
