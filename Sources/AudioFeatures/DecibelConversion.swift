/// 10·log10 of power values. glibc's log10f cost ~10 ns a value and was a tenth of a cold run
/// (128 values per frame); this is Cephes' log10f polynomial (≈1 ulp), written as a branch-free
/// loop body the compiler vectorises, with log10(2) and log10(e) split into an exact high part
/// and a small low part so large |dB| keeps its precision.
enum DecibelConversion {
    /// `10 · log10(max(amin, x))` for every element, in place; returns the largest result.
    static func powerToDB(_ x: UnsafeMutableBufferPointer<Float>, amin: Float = 1e-10) -> Float {
        guard let p = x.baseAddress else { return -.infinity }
        for i in 0..<x.count { p[i] = decibels(p[i], amin: amin) }
        // A scalar max reduction does not vectorise (NaN ordering); the values are finite, so
        // compare four lanes at a time.
        let raw = UnsafeRawPointer(p)
        var lanes = SIMD4<Float>(repeating: -.infinity)
        var i = 0
        while i + 4 <= x.count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD4<Float>.self)
            lanes.replace(with: v, where: v .> lanes)
            i += 4
        }
        var peak = max(max(lanes[0], lanes[1]), max(lanes[2], lanes[3]))
        while i < x.count { peak = max(peak, p[i]); i += 1 }
        return peak
    }

    /// Raises every element below `floor` to it (librosa's top_db clipping).
    static func clip(_ x: UnsafeMutableBufferPointer<Float>, below floor: Float) {
        guard let p = x.baseAddress else { return }
        for i in 0..<x.count { p[i] = max(p[i], floor) }
    }

    @inline(__always)
    static func decibels(_ input: Float, amin: Float) -> Float {
        let x = input > amin ? input : amin
        // x = m · 2^e with m in [0.5, 1); x is a positive normal number after the clamp.
        let bits = x.bitPattern
        let exponent = Int32(bitPattern: bits >> 23) - 126
        let half = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F00_0000)
        // Centre the mantissa on 1 (m in [√½, √2)) so the polynomial argument stays small.
        let low = half < 0.707_106_77
        let e = Float(low ? exponent - 1 : exponent)
        let m = (low ? half + half : half) - 1
        let z = m * m
        var p: Float = 7.037_683_6e-2
        p = p * m - 1.151_461_0e-1
        p = p * m + 1.167_699_9e-1
        p = p * m - 1.242_014_1e-1
        p = p * m + 1.424_932_3e-1
        p = p * m - 1.666_805_8e-1
        p = p * m + 2.000_071_5e-1
        p = p * m - 2.499_999_4e-1
        p = p * m + 3.333_333_1e-1
        var y = m * (z * p)
        y = y - 0.5 * z
        // Small terms first (Cephes' order).
        var r = y * 7.007_319e-4
        r = r + m * 7.007_319e-4
        r = r + e * 2.487_456_6e-4
        r = r + y * 4.335_937_5e-1
        r = r + m * 4.335_937_5e-1
        r = r + e * 3.007_812_5e-1
        return 10 * r
    }
}
