import Foundation

/// A recording property cut into bins over a set of clips: quantile bins for a continuous property, one bin per
/// value for a categorical one. The cuts use the values alone, never the labels, so fixing them on all of Training
/// before cross-validating leaks nothing about the held-out classes.
public struct PropertyBinning: Sendable {
    /// Bins a continuous property is cut into (fewer when ties merge quantiles).
    public static let quantileBins = 5

    /// Bin of each clip, in the order given.
    public var bins: [Int]
    /// Label of each bin, e.g. "≤ 3.9 kHz", "3.9–7.2 kHz", "> 15.4 kHz", "8 kHz", "MP3 in WAV".
    public var labels: [String]

    public init(_ property: RecordingProperty, _ clips: [RecordingProperties]) {
        if property.isContinuous {
            let values = clips.map(property.number)
            let edges = Self.edges(values.sorted())
            bins = values.map { v in edges.count(where: { v > $0 }) }
            labels = (0...edges.count).map { i in
                if edges.isEmpty { return "all" }
                if i == 0 { return "≤ \(property.format(edges[0])) \(property.unit)" }
                if i == edges.count { return "> \(property.format(edges[i - 1])) \(property.unit)" }
                return "\(property.format(edges[i - 1]))–\(property.format(edges[i])) \(property.unit)"
            }
        } else {
            let categories = clips.map(property.category)
            let sorted = Set(categories).sorted()
            let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            bins = categories.map { index[$0]! }
            labels = sorted.map(\.label)
        }
    }

    /// Cut points at the 1/5 … 4/5 quantiles of ascending `sorted`, keeping only those that leave a clip on each
    /// side of them and of the previous cut, so every bin holds at least one clip.
    public static func edges(_ sorted: [Double]) -> [Double] {
        guard let top = sorted.last else { return [] }
        var kept: [Double] = []
        for q in 1..<quantileBins {
            let edge = Quartiles.quantile(sorted, Double(q) / Double(quantileBins))
            let floor = kept.last ?? -Double.infinity
            if edge < top && sorted.contains(where: { $0 > floor && $0 <= edge }) { kept.append(edge) }
        }
        return kept
    }
}
