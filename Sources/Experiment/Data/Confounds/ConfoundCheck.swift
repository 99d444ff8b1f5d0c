import Foundation

/// How well one recording property predicts the class on Training: a one-property classifier
/// (`OnePropertyClassifier`) scored by stratified k-fold cross-validation, and Cramér's V of the bin × class table.
public struct ConfoundCheck: Sendable, Equatable, Codable {
    /// The property tried.
    public var property: RecordingProperty
    /// Its bins with the clips of each class, in bin order.
    public var bins: [ConfoundBin]
    /// Mean over classes of the cross-validated recall.
    public var balancedAccuracy: Double
    /// Balanced accuracy of a guess that ignores the clip: 1 / classes with Training clips.
    public var chance: Double
    /// Cramér's V of the bin × class table of all Training clips.
    public var cramersV: Double
    /// Cross-validated recall per class, in label order; nil for a class without Training clips.
    public var recall: [Double?]
    /// True when both balanced accuracy and Cramér's V reach `ConfoundThresholds`.
    public var warns: Bool

    public init(property: RecordingProperty, bins: [ConfoundBin], balancedAccuracy: Double, chance: Double,
                cramersV: Double, recall: [Double?], warns: Bool) {
        self.property = property
        self.bins = bins
        self.balancedAccuracy = balancedAccuracy
        self.chance = chance
        self.cramersV = cramersV
        self.recall = recall
        self.warns = warns
    }

    /// Writes `recall`'s nils as `null`, so every class has its slot.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(property, forKey: .property)
        try c.encode(bins, forKey: .bins)
        try c.encode(balancedAccuracy, forKey: .balancedAccuracy)
        try c.encode(chance, forKey: .chance)
        try c.encode(cramersV, forKey: .cramersV)
        var slots = c.nestedUnkeyedContainer(forKey: .recall)
        for r in recall { if let r { try slots.encode(r) } else { try slots.encodeNil() } }
        try c.encode(warns, forKey: .warns)
    }

    enum CodingKeys: String, CodingKey { case property, bins, balancedAccuracy, chance, cramersV, recall, warns }
}
