/// The generator a transform's noise seed expands into (SplitMix64; Steele, Lea & Flood 2014).
///
/// A transform that needs thousands of random samples (an impulse response, a noise bed) draws one
/// 64-bit seed from the caller's generator and expands it here. The call then consumes a fixed number
/// of `next()` whatever the clip's length, and its `Draw` stays small enough to log and replay. The tests
/// use it as their seeded generator too.
public struct NoiseStream: RandomNumberGenerator {
    private var state: UInt64

    /// The stream a drawn seed names.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` standard normals (Box–Muller, as `DistributionDraw.standardNormal`).
    mutating func gaussians(_ count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count { out[i] = DistributionDraw.standardNormal(&self) }
        return out
    }
}
