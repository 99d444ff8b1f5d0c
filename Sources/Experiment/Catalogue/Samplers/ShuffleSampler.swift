import TensorCore

/// Every example once per epoch, in a seeded random order.
public struct ShuffleSampler: SamplerEntry {
    public static var about: EntryAbout<Self> {
        EntryAbout("shuffle", "Every example once per epoch, in a seeded random order.", Self())
    }

    public func epochOrder(labels: [Int], classCount: Int, rng: inout RNG) -> [Int] {
        rng.permutation(labels.count).map { $0 }
    }
}
