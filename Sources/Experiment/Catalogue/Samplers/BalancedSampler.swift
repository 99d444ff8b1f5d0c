import TensorCore

/// As many draws as examples, each class equally likely, examples drawn with replacement.
public struct BalancedSampler: SamplerEntry {
    public static var about: EntryAbout<Self> {
        EntryAbout("balanced", "As many draws as examples: a class uniformly, then an example of it (with replacement).",
                   Self())
    }

    public func epochOrder(labels: [Int], classCount: Int, rng: inout RNG) -> [Int] {
        let byClass = classMembers(labels, classCount: classCount).filter { !$0.isEmpty }
        return (0..<labels.count).map { _ in
            let members = byClass[rng.below(byClass.count)]
            return members[rng.below(members.count)]
        }
    }
}
