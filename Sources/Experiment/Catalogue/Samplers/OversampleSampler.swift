import TensorCore

/// Every class repeated (cyclically, reshuffled) up to the largest class's count, then shuffled.
public struct OversampleSampler: SamplerEntry {
    public static var about: EntryAbout<Self> {
        EntryAbout("oversample", "Minority classes repeated (reshuffled each cycle) up to the size of the largest, "
                   + "then shuffled.", Self())
    }

    public func epochOrder(labels: [Int], classCount: Int, rng: inout RNG) -> [Int] {
        let byClass = classMembers(labels, classCount: classCount).filter { !$0.isEmpty }
        let target = byClass.map(\.count).max() ?? 0
        var all: [Int] = []
        for m in byClass {
            var drawn: [Int] = []
            while drawn.count < target { drawn += rng.permutation(m.count).map { m[$0] } }
            all += drawn.prefix(target)
        }
        return rng.permutation(all.count).map { all[$0] }
    }
}
