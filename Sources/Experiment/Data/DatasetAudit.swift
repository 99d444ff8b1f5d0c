import Foundation

/// Durations of the decodable clips of a group, in seconds.
public struct DurationStats: Sendable, Equatable, Codable {
    /// Sum of the durations.
    public var total: Double
    /// Shortest clip.
    public var min: Double
    /// Median clip (mean of the two middle ones for an even count).
    public var median: Double
    /// Longest clip.
    public var max: Double

    /// Stats of `durations`, or nil when there are none.
    public init?(_ durations: [Double]) {
        guard !durations.isEmpty else { return nil }
        let sorted = durations.sorted()
        let mid = sorted.count / 2
        total = sorted.reduce(0, +)
        min = sorted[0]
        max = sorted[sorted.count - 1]
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// What the audit found in one class folder of one split (or one noise kind).
public struct ClassAudit: Sendable, Equatable, Codable {
    /// Class (or noise kind) name.
    public var name: String
    /// Audio files listed.
    public var clips: Int
    /// Files that decoded to at least one sample.
    public var decoded: Int
    /// Durations of the decoded files; nil when none decoded.
    public var seconds: DurationStats?
    /// Quartiles of the decoded files' effective bandwidth in Hz (`RecordingProperties.bandwidthHz`); nil when
    /// none decoded.
    public var bandwidthHz: Quartiles?
    /// Decoded clips per native sample rate, ascending.
    public var rates: [RateCount]
    /// Native sample rates seen, ascending.
    public var sampleRates: [Int]
    /// Channel counts seen, ascending.
    public var channels: [Int]
    /// Encodings seen, as the decoder names them, sorted.
    public var encodings: [String]

    enum CodingKeys: String, CodingKey {
        case name, clips, decoded, seconds, bandwidthHz, rates, sampleRates, channels, encodings
    }

    /// Writes `seconds` and `bandwidthHz` as `null` rather than dropping them, so every record has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(clips, forKey: .clips)
        try c.encode(decoded, forKey: .decoded)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(bandwidthHz, forKey: .bandwidthHz)
        try c.encode(rates, forKey: .rates)
        try c.encode(sampleRates, forKey: .sampleRates)
        try c.encode(channels, forKey: .channels)
        try c.encode(encodings, forKey: .encodings)
    }
}

/// One split's audit: a row per class folder, plus the split as a whole.
public struct SplitAudit: Sendable, Equatable, Codable {
    /// Split folder name.
    public var name: String
    /// All classes of the split merged.
    public var total: ClassAudit
    /// One entry per class folder, in label order.
    public var classes: [ClassAudit]
}

/// A file the decoder refused, and why.
public struct UndecodableFile: Sendable, Equatable, Codable {
    /// Path relative to the dataset root.
    public var file: String
    /// The decoder's one-line reason.
    public var reason: String
}

/// Files with byte-identical content.
public struct DuplicateGroup: Sendable, Equatable, Codable {
    /// Hex SHA-256 of the shared content.
    public var sha256: String
    /// Paths relative to the dataset root, sorted.
    public var files: [String]
    /// Top-level folders (splits, noise) the files sit in, in layout order.
    public var folders: [String]
    /// True when the copies sit in more than one split: a test clip the model trained on.
    public var crossesSplits: Bool
}

/// The full audit of a dataset folder; `Codable` with stable keys for `soundlab audit --json`.
public struct DatasetAudit: Sendable, Equatable, Codable {
    /// The dataset folder as given.
    public var root: String
    /// Class names in label order.
    public var classNames: [String]
    /// Per split, in layout order.
    public var splits: [SplitAudit]
    /// Per noise kind, sorted by name.
    public var noise: [ClassAudit]
    /// Class audio files over all splits (noise excluded).
    public var totalClips: Int
    /// Noise files over all kinds.
    public var noiseClips: Int
    /// Files that could not be decoded (splits and noise), in path order.
    public var undecodable: [UndecodableFile]
    /// Groups of byte-identical files, ordered by their first path.
    public var duplicateGroups: [DuplicateGroup]
    /// Number of duplicate groups whose copies cross a split boundary.
    public var crossSplitDuplicateGroups: Int
    /// Recording properties of every decoded class clip, split by split, class by class, in listing order.
    public var recordings: [RecordingProperties]
    /// How well each recording property alone predicts the class on the first split (Training).
    public var confounds: [ConfoundCheck]
    /// One line per property that predicts the class (`ConfoundThresholds`): the data has a shortcut a model can
    /// learn. Reported, but the dataset stays usable; `soundlab audit --strict` fails on them.
    public var warnings: [String]
    /// Reasons the dataset cannot be trained on, one line each; empty when usable.
    public var problems: [String]
    /// True when `problems` is empty.
    public var usable: Bool
}
