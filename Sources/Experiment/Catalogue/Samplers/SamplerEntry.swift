import TensorCore

/// How `train.sampler` draws each epoch's training order.
public protocol SamplerEntry: CatalogueEntry {
    /// The order of one epoch's samples (indices into `labels`, labels in 0..<classCount).
    func epochOrder(labels: [Int], classCount: Int, rng: inout RNG) -> [Int]
}

extension SamplerEntry where Self == ShuffleSampler {
    /// Every example once per epoch.
    public static var shuffle: ShuffleSampler { .defaults }
}

extension SamplerEntry where Self == BalancedSampler {
    /// Classes drawn uniformly.
    public static var balanced: BalancedSampler { .defaults }
}

extension SamplerEntry where Self == OversampleSampler {
    /// Minority classes repeated.
    public static var oversample: OversampleSampler { .defaults }
}

extension Catalogues {
    /// The samplers.
    public static var samplers: Catalogue<any SamplerEntry> {
        Catalogue(kind: "sampler", plural: "samplers", erase: { $0 },
                  [ShuffleSampler.self, BalancedSampler.self, OversampleSampler.self])
    }
}
