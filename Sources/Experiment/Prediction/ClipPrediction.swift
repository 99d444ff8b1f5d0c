/// What a model said about one clip: its windows' probabilities and the clip's decision, their mean.
public struct ClipPrediction: Sendable {
    /// One window of the clip and the class probabilities the model (or the seed ensemble's mean) gave it.
    public struct Window: Sendable {
        /// Seconds from the clip's start.
        public let start: Double
        public let end: Double
        public let probabilities: [Float]
    }

    /// The clip's path as given on the command line or found under a given folder.
    public let path: String
    public let windows: [Window]
    /// Mean of the windows' probabilities, in the model's class order.
    public let probabilities: [Float]

    init(path: String, windows: [Window]) {
        self.path = path
        self.windows = windows
        let classes = windows[0].probabilities.count
        var mean = [Float](repeating: 0, count: classes)
        if windows.count == 1 {
            // One window is the clip: its probabilities to the bit, as evaluation scored them.
            mean = windows[0].probabilities
        } else {
            for w in windows { for c in 0..<classes { mean[c] += w.probabilities[c] } }
            for c in 0..<classes { mean[c] /= Float(windows.count) }
        }
        probabilities = mean
    }

    /// The class with the highest probability (the first of equals, as argmax in evaluation).
    public var predicted: Int { Self.ranked(probabilities, 1)[0] }

    /// The indices of the `k` most probable classes, most probable first; equals keep class order.
    public func top(_ k: Int) -> [Int] { Self.ranked(probabilities, k) }

    static func ranked(_ p: [Float], _ k: Int) -> [Int] {
        Array(p.indices.sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 < $1) }.prefix(max(k, 0)))
    }
}

/// A clip that could not be classified: its path and why, in one line.
public struct ClipFailure: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
