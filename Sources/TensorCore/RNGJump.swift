import Foundation

/// Jumping an `RNG` ahead by any number of draws, so a long serial stream (a dropout mask) can be drawn in parts
/// side by side with exactly the values one generator would give.
///
/// xoshiro256's state transition T is linear over GF(2), so Tⁿ = r(T) with r(x) = xⁿ mod p(x), p the
/// characteristic polynomial of T (degree 256): the state n draws ahead is Σ rᵢ·Tⁱ(state), 256 steps of the
/// generator XOR-accumulated. p is found once by Berlekamp–Massey on one state bit's sequence.
extension RNG {
    /// Moves this generator `n` draws ahead: afterwards it is equal to one that called `next()` `n` times.
    public mutating func advance(by n: Int) {
        precondition(n >= 0, "advance(by: \(n)) must not be negative")
        if n < 256 {
            for _ in 0..<n { _ = next() }
            return
        }
        let r = XoshiroJump.xPower(n)
        var walker = self
        var a: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for i in 0..<256 {
            if r[i >> 6] >> UInt64(i & 63) & 1 == 1 {
                a.0 ^= walker.s0; a.1 ^= walker.s1; a.2 ^= walker.s2; a.3 ^= walker.s3
            }
            _ = walker.next()
        }
        s0 = a.0; s1 = a.1; s2 = a.2; s3 = a.3
    }
}

enum XoshiroJump {
    /// p(x) as 5 words, bit i = coefficient of xⁱ (bit 256 set).
    static let characteristic: [UInt64] = {
        // 512 bits of the lowest state bit from a fixed nonzero state: twice the degree, enough for Berlekamp–Massey.
        var g = RNG(seed: 1)
        let count = 512
        var bits = [UInt8](repeating: 0, count: count)
        for k in 0..<count { bits[k] = UInt8(truncatingIfNeeded: g.s0 & 1); _ = g.next() }
        var c = [UInt8](repeating: 0, count: count + 1), b = c
        c[0] = 1; b[0] = 1
        var degree = 0, shift = 1
        for n in 0..<count {
            var d = bits[n]
            if degree > 0 { for i in 1...degree { d ^= c[i] & bits[n - i] } }
            if d == 0 { shift += 1; continue }
            let previous = c
            for i in 0...(count - shift) { c[i + shift] ^= b[i] }
            if 2 * degree <= n {
                degree = n + 1 - degree
                b = previous
                shift = 1
            } else {
                shift += 1
            }
        }
        precondition(degree == 256, "xoshiro256 characteristic polynomial has degree \(degree), expected 256")
        // Connection polynomial 1 + c₁x + … + c_L x^L; the characteristic one is its reverse, x^L + c₁x^(L−1) + … + c_L.
        var p = [UInt64](repeating: 0, count: 5)
        for j in 0...256 where c[256 - j] == 1 { p[j >> 6] |= 1 << UInt64(j & 63) }
        return p
    }()

    private static let lock = NSLock()
    nonisolated(unsafe) private static var powers: [Int: [UInt64]] = [:]

    /// xⁿ mod p(x) as 4 words (bit i = coefficient of xⁱ). Remembered per n (a few hundred µs each, and training
    /// asks for the same few distances every batch); at most 64 kept.
    static func xPower(_ n: Int) -> [UInt64] {
        lock.lock()
        let known = powers[n]
        lock.unlock()
        if let known { return known }
        let r = computePower(n)
        lock.lock()
        if powers.count >= 64 { powers.removeAll() }
        powers[n] = r
        lock.unlock()
        return r
    }

    /// xⁿ mod p(x) by square and multiply over the bits of n.
    static func computePower(_ n: Int) -> [UInt64] {
        var r: [UInt64] = [1, 0, 0, 0]
        for bit in stride(from: Int.bitWidth - 1 - n.leadingZeroBitCount, through: 0, by: -1) {
            r = mulMod(r, r)
            if n >> bit & 1 == 1 { r = mulMod(r, [2, 0, 0, 0]) }
        }
        return r
    }

    /// a·b mod p for a, b of degree < 256.
    static func mulMod(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var prod = [UInt64](repeating: 0, count: 9)
        for i in 0..<256 where a[i >> 6] >> UInt64(i & 63) & 1 == 1 { xorShifted(&prod, b, by: i) }
        let p = characteristic
        for k in stride(from: 511, through: 256, by: -1) where prod[k >> 6] >> UInt64(k & 63) & 1 == 1 {
            xorShifted(&prod, p, by: k - 256)
        }
        return Array(prod[0..<4])
    }

    /// dst ^= src · x^shift.
    @inline(__always)
    private static func xorShifted(_ dst: inout [UInt64], _ src: [UInt64], by shift: Int) {
        let words = shift >> 6, bits = UInt64(shift & 63)
        for (w, v) in src.enumerated() where v != 0 {
            dst[w + words] ^= v << bits
            if bits != 0 && w + words + 1 < dst.count { dst[w + words + 1] ^= v >> (64 - bits) }
        }
    }
}
