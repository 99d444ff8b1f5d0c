import Foundation

/// Tries every recording property as a one-property classifier on the Training clips.
public enum ConfoundAnalysis {
    /// Folds of the cross-validation.
    public static let folds = 5

    /// One check per property, in `RecordingProperty` order. `clips` are the decoded Training clips in path order,
    /// `groups` a content hash per clip (copies share folds), `classNames` the labels in order.
    public static func run(_ clips: [RecordingProperties], groups: [String], classNames: [String]) -> [ConfoundCheck] {
        let index = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        let labels = clips.map { index[$0.className]! }
        let k = classNames.count
        let present = Set(labels)
        guard !present.isEmpty else { return [] }
        let chance = 1 / Double(present.count)
        let folds = StratifiedFolds.assign(labels: labels, groups: groups, k: Self.folds)
        return RecordingProperty.allCases.map { property in
            let binning = PropertyBinning(property, clips)
            let table = ContingencyTable(bins: binning.bins, labels: labels, binCount: binning.labels.count, classCount: k)
            let predicted = OnePropertyClassifier.crossValidate(bins: binning.bins, labels: labels, folds: folds,
                                                                binCount: binning.labels.count, classCount: k)
            let recall: [Double?] = (0..<k).map { c in
                let members = labels.indices.filter { labels[$0] == c }
                guard !members.isEmpty else { return nil }
                return Double(members.count { predicted[$0] == c }) / Double(members.count)
            }
            let present = recall.compactMap { $0 }
            let balanced = present.reduce(0, +) / Double(present.count)
            let v = table.cramersV
            return ConfoundCheck(
                property: property,
                bins: zip(binning.labels, table.counts).map { ConfoundBin(label: $0, clips: $1) },
                balancedAccuracy: balanced, chance: chance, cramersV: v, recall: recall,
                warns: ConfoundThresholds.warns(balancedAccuracy: balanced, chance: chance, cramersV: v))
        }
    }
}
