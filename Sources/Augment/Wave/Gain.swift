import Foundation

/// Multiplies the clip by a gain drawn uniformly in decibels. No clipping: features are computed in Float,
/// and a level change is what the transform is for.
public struct Gain: WaveTransform {
    /// Gain range in dB (uniform in dB, not in amplitude).
    public let gainDB: ClosedRange<Double>
    /// Probability that a call acts.
    public let probability: Double

    /// A gain drawn in [minDB, maxDB], applied with probability `p` (bounds as numbers, so a reversed
    /// pair from a config is an error, not a trap).
    public init(minDB: Double, maxDB: Double, p: Double = 1) throws {
        try AugmentError.checkRange(minDB, maxDB, "gain")
        try AugmentError.checkProbability(p, "gain")
        self.gainDB = minDB...maxDB
        self.probability = p
    }

    /// One call of `Gain`: two `next()` (gate, dB).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn gain in dB.
        public let gainDB: Double
        /// A draw to replay.
        public init(applied: Bool, gainDB: Double) {
            self.applied = applied
            self.gainDB = gainDB
        }
        /// One-line summary for logs.
        public var description: String { applied ? "gain \(gainDB) dB" : "gain skipped" }
    }

    /// Draws the gate and the gain.
    public func draw(clipLength: Int, sampleRate: Int, using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let db = UniformDraw.double(in: gainDB, &g)
        return Draw(applied: fire, gainDB: db)
    }

    /// Scales every sample by 10^(dB/20).
    public func apply(_ draw: Draw, to samples: inout [Float], sampleRate: Int) {
        guard draw.applied else { return }
        let k = Float(pow(10, draw.gainDB / 20))
        samples.withUnsafeMutableBufferPointer { buf in
            for i in buf.indices { buf[i] *= k }
        }
    }
}
