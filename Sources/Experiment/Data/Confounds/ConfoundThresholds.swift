import Foundation

/// When a recording property warns: it must both classify well above chance on held-out clips and be strongly
/// associated with the class over all of Training. Either alone misleads: Cramér's V of a few bins over a few
/// dozen clips is large by luck, and a classifier can beat chance through one odd class.
public enum ConfoundThresholds {
    /// Smallest Cramér's V that warns: 0.3 is the usual "strong" association, far above what unrelated bins
    /// reach by chance on hundreds of clips.
    public static let cramersV = 0.3

    /// Smallest balanced accuracy that warns with `chance` = 1 / classes: twice chance, or half way from chance to
    /// perfect when twice chance is out of reach or nearly so (two or three classes).
    public static func balancedAccuracy(chance: Double) -> Double {
        min(2 * chance, chance + (1 - chance) / 2)
    }

    /// True when a property with these scores should warn (small tolerance so computed ties count as reached).
    public static func warns(balancedAccuracy: Double, chance: Double, cramersV: Double) -> Bool {
        balancedAccuracy >= Self.balancedAccuracy(chance: chance) - 1e-9 && cramersV >= Self.cramersV - 1e-9
    }
}
