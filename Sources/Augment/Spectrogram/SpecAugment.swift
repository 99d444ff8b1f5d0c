/// SpecAugment masking (Park et al. 2019) on a row-major (frames × mels) feature buffer: frequency bands
/// and time spans are overwritten with `fillValue` (0 by default: the mean of a z-normalised clip).
///
/// Each mask's width is uniform in [0, maxWidth] (clamped to the axis length) and its start is uniform
/// among the positions where it fits whole. With `validFrames`, time masks fall within the first
/// `validFrames` frames and frequency masks span only those frames: the padding after them is never
/// written, so masks are not spent on it.
public struct SpecAugment: Sendable {
    /// Number of frequency masks.
    public let freqMasks: Int
    /// Largest frequency-mask width in mel bins.
    public let freqWidth: Int
    /// Number of time masks.
    public let timeMasks: Int
    /// Largest time-mask width in frames.
    public let timeWidth: Int
    /// Value written into masked cells.
    public let fillValue: Float
    /// Probability that a call acts.
    public let probability: Double

    /// Masks as described; all counts and widths must be >= 0.
    public init(freqMasks: Int, freqWidth: Int, timeMasks: Int, timeWidth: Int, fillValue: Float = 0,
                p: Double = 1) throws {
        for (name, v) in [("freq_masks", freqMasks), ("freq_width", freqWidth),
                          ("time_masks", timeMasks), ("time_width", timeWidth)] where v < 0 {
            throw AugmentError("spec_augment: \(name) must be >= 0, got \(v)")
        }
        guard fillValue.isFinite else { throw AugmentError("spec_augment: fill value must be finite") }
        try AugmentError.checkProbability(p, "spec_augment")
        self.freqMasks = freqMasks
        self.freqWidth = freqWidth
        self.timeMasks = timeMasks
        self.timeWidth = timeWidth
        self.fillValue = fillValue
        self.probability = p
    }

    /// One mask: `width` cells from `start` along `axis`.
    public struct Mask: Sendable, Equatable {
        /// Which axis the mask runs along.
        public enum Axis: Sendable, Equatable {
            /// A band of mel bins.
            case frequency
            /// A span of frames.
            case time
        }
        /// The masked axis.
        public let axis: Axis
        /// First masked index on that axis.
        public let start: Int
        /// Number of masked indices (may be 0).
        public let width: Int
        /// A mask to replay.
        public init(axis: Axis, start: Int, width: Int) {
            self.axis = axis
            self.start = start
            self.width = width
        }
    }

    /// One call: 1 + 2·(freqMasks + timeMasks) `next()` (gate, then width and start per mask, frequency
    /// masks first).
    public struct Draw: TransformDraw, Equatable {
        /// Whether the gate fired.
        public let applied: Bool
        /// The drawn masks, frequency masks first.
        public let masks: [Mask]
        /// A draw to replay.
        public init(applied: Bool, masks: [Mask]) {
            self.applied = applied
            self.masks = masks
        }
        /// One-line summary for logs.
        public var description: String {
            guard applied else { return "spec_augment skipped" }
            return "spec_augment " + masks.map { "\($0.axis == .time ? "t" : "f")[\($0.start)+\($0.width)]" }
                .joined(separator: " ")
        }
    }

    /// Draws the gate and every mask for a (frames × mels) buffer whose first `validFrames` frames are real.
    public func draw(frames: Int, mels: Int, validFrames: Int? = nil,
                     using g: inout some RandomNumberGenerator) -> Draw {
        let fire = UniformDraw.bernoulli(probability, &g)
        let limit = max(0, min(validFrames ?? frames, frames))
        var masks: [Mask] = []
        masks.reserveCapacity(freqMasks + timeMasks)
        for _ in 0..<freqMasks {
            let w = UniformDraw.integer(in: 0...min(freqWidth, mels), &g)
            masks.append(Mask(axis: .frequency, start: UniformDraw.integer(in: 0...(mels - w), &g), width: w))
        }
        for _ in 0..<timeMasks {
            let w = UniformDraw.integer(in: 0...min(timeWidth, limit), &g)
            masks.append(Mask(axis: .time, start: UniformDraw.integer(in: 0...(limit - w), &g), width: w))
        }
        return Draw(applied: fire, masks: masks)
    }

    /// Writes `fillValue` into the drawn masks (nothing when `draw.applied` is false).
    public func apply(_ draw: Draw, to features: inout [Float], frames: Int, mels: Int, validFrames: Int? = nil) {
        precondition(features.count == frames * mels, "spec_augment: buffer holds \(features.count) values, not \(frames)×\(mels)")
        guard draw.applied else { return }
        let limit = max(0, min(validFrames ?? frames, frames))
        let fill = fillValue
        features.withUnsafeMutableBufferPointer { buf in
            for m in draw.masks where m.width > 0 {
                switch m.axis {
                case .frequency:
                    for t in 0..<limit {
                        for f in m.start..<(m.start + m.width) { buf[t * mels + f] = fill }
                    }
                case .time:
                    for t in m.start..<(m.start + m.width) {
                        for f in 0..<mels { buf[t * mels + f] = fill }
                    }
                }
            }
        }
    }

    /// Draws masks from `g` and applies them; returns what was drawn.
    @discardableResult
    public func apply(to features: inout [Float], frames: Int, mels: Int, validFrames: Int? = nil,
                      using g: inout some RandomNumberGenerator) -> Draw {
        let d = draw(frames: frames, mels: mels, validFrames: validFrames, using: &g)
        apply(d, to: &features, frames: frames, mels: mels, validFrames: validFrames)
        return d
    }
}
