import Foundation

extension ConfoundCheck {
    /// Classes named as "separated best": cross-validated recall at least this (the property alone finds half
    /// their clips). When none reaches it, the single best class is named.
    static let namedRecall = 0.5

    /// The one-line warning: `headline`, then the classes the property gives away.
    public func warning(classNames: [String]) -> String {
        headline + "; separates best (recall): " + bestSeparated(classNames: classNames).joined(separator: ", ")
    }

    /// The property and its scores against chance.
    public var headline: String {
        String(format: "%@ predicts the class: balanced accuracy %.2f vs chance %.2f, Cramér's V %.2f",
               property.displayName, balancedAccuracy, chance, cramersV)
    }

    /// "Bird 0.74 (74 % of its clips: > 6.3 kHz)" for each class the property separates best, highest recall first:
    /// its cross-validated recall and the bin that holds most of its Training clips.
    public func bestSeparated(classNames: [String]) -> [String] {
        let ranked = recall.enumerated().compactMap { c, r in r.map { (c, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var named = ranked.filter { $0.1 >= Self.namedRecall - 1e-9 }
        if named.isEmpty, let first = ranked.first { named = [first] }
        return named.map { c, r in
            let total = bins.reduce(0) { $0 + $1.clips[c] }
            let top = bins.max { $0.clips[c] < $1.clips[c] }!
            return String(format: "%@ %.2f (%@ of its clips: %@)", classNames[c], r,
                          percent(top.clips[c], total), top.label)
        }
    }

    /// The share of each class's Training clips in each bin, with the class's recall: where the property puts
    /// every class. Bins holding under 2 % of the clips are summed into one "other" column when there are more
    /// than six bins, so sample rates fit on a line (the JSON keeps every bin).
    public func shareTable(classNames: [String]) -> [[String]] {
        let total = bins.reduce(0) { $0 + $1.clips.reduce(0, +) }
        var shown = bins
        var other: [Int]? = nil
        if bins.count > 6 {
            let keep = bins.filter { Double($0.clips.reduce(0, +)) >= 0.02 * Double(total) }
            if keep.count < bins.count {
                let rest = bins.filter { Double($0.clips.reduce(0, +)) < 0.02 * Double(total) }
                other = classNames.indices.map { c in rest.reduce(0) { $0 + $1.clips[c] } }
                shown = keep
            }
        }
        var rows = [["class"] + shown.map(\.label) + (other == nil ? [] : ["other"]) + ["recall"]]
        for (c, name) in classNames.enumerated() {
            guard let r = recall[c] else { continue }
            let clips = bins.reduce(0) { $0 + $1.clips[c] }
            rows.append([name] + shown.map { percent($0.clips[c], clips) } + (other.map { [percent($0[c], clips)] } ?? [])
                        + [String(format: "%.2f", r)])
        }
        return rows
    }
}

/// `part` of `whole` as a whole percentage, "74 %".
private func percent(_ part: Int, _ whole: Int) -> String {
    whole > 0 ? "\(Int((100 * Double(part) / Double(whole)).rounded())) %" : "-"
}
