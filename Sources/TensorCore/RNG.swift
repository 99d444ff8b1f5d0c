/// The only source of randomness in soundlab: xoshiro256** seeded through SplitMix64.
///
/// Independent streams come from `RNG(seed:stream:)`: the seed and every stream key (e.g. epoch, sample index,
/// purpose) are hashed together, so adding a draw in one stream never shifts the draws of another.
public struct RNG: RandomNumberGenerator, Sendable, Equatable, Codable {
    // Internal (not private) so `advance(by:)` in RNGJump.swift can set the state.
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed` alone.
    public init(seed: UInt64) { self.init(seed: seed, stream: []) }

    /// A generator for the stream named by `keys` under `seed` (e.g. `[epoch, sample, Purpose.noise]`).
    public init(seed: UInt64, stream keys: [UInt64]) {
        var h = RNG.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        for k in keys { h = RNG.mix(h ^ RNG.mix(k &+ 0xD1B5_4A32_D192_ED03)) }
        var sm = h
        s0 = RNG.splitmix(&sm); s1 = RNG.splitmix(&sm); s2 = RNG.splitmix(&sm); s3 = RNG.splitmix(&sm)
    }

    /// A child generator for `keys` derived from this one's current state, without advancing it.
    public func derived(_ keys: UInt64...) -> RNG {
        RNG(seed: s0 ^ RNG.mix(s1 ^ RNG.mix(s2 ^ RNG.mix(s3))), stream: keys)
    }

    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = RNG.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = RNG.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 24 random bits (exactly representable in Float).
    public mutating func uniform() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float { low + (high - low) * uniform() }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// Standard normal by Box–Muller; always consumes exactly two 64-bit draws.
    public mutating func normal() -> Float {
        let u1 = 1.0 - uniformDouble()  // (0, 1], so log is finite
        let u2 = uniformDouble()
        return Float((-2.0 * _log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2))
    }

    /// Normal with the given mean and standard deviation.
    public mutating func normal(mean: Float, std: Float) -> Float { mean + std * normal() }

    /// True with probability `p`.
    public mutating func bernoulli(_ p: Float) -> Bool { uniform() < p }

    /// Uniform integer in 0..<n by Lemire's multiply-shift with rejection (unbiased, platform independent).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(\(n))")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 { for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, below(i + 1)) } }
        return p
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    public mutating func categorical(_ weights: [Float]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "categorical needs a positive total weight")
        let u = uniformDouble() * Double(total)
        var acc = 0.0
        for (i, w) in weights.enumerated() {
            acc += Double(w)
            if u < acc { return i }
        }
        return weights.lastIndex(where: { $0 > 0 })!
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
    private static func splitmix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        return mix(x)
    }
    private static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
