import Augment
import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): the tests' seeded generator, Augment's own `NoiseStream`.
typealias SplitMix64 = NoiseStream

/// Wraps a generator and counts `next()` calls, to pin how many draws a call consumes.
struct CountingGenerator: RandomNumberGenerator {
    var inner: SplitMix64
    var count = 0
    mutating func next() -> UInt64 {
        count += 1
        return inner.next()
    }
}

enum Signal {
    static func sine(frequency: Double, amplitude: Float, count: Int, sampleRate: Int) -> [Float] {
        (0..<count).map { amplitude * Float(sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate))) }
    }

    /// Gaussian noise from its own SplitMix stream (Box–Muller written out here, not the library's).
    static func gaussian(count: Int, sigma: Double, seed: UInt64) -> [Float] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let u1 = (Double(g.next() >> 11) + 1) * 0x1p-53
            let u2 = Double(g.next() >> 11) * 0x1p-53
            return Float(sigma * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
        }
    }

    static func energy(_ x: ArraySlice<Float>) -> Double { x.reduce(0) { $0 + Double($1) * Double($1) } }
    static func power(_ x: [Float]) -> Double { energy(x[...]) / Double(x.count) }
    static func rms(_ x: [Float]) -> Double { power(x).squareRoot() }
    static func db(_ ratio: Double) -> Double { 10 * log10(ratio) }

    /// Frequency from upward zero crossings (linearly interpolated) within [from, to).
    static func zeroCrossingFrequency(_ x: [Float], sampleRate: Int, from: Int, to: Int) -> Double {
        var crossings: [Double] = []
        for i in max(from, 1)..<to where x[i - 1] < 0 && x[i] >= 0 {
            let a = Double(x[i - 1]), b = Double(x[i])
            crossings.append(Double(i - 1) + a / (a - b))
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) / (last - first) * Double(sampleRate)
    }

    static func diff(_ a: [Float], _ b: [Float]) -> [Float] { zip(a, b).map { $0 - $1 } }
}
