import TensorCore

/// What a forward pass needs besides its inputs: training or inference, the randomness for this step,
/// and the path of the module being run (so each layer draws from its own stream).
public struct ForwardContext: Sendable {
    /// Training mode: dropout active, batch norm uses and updates batch statistics.
    public let training: Bool
    /// The step's generator; never advanced, only derived from.
    public let rng: RNG
    /// Dotted path of the current module ("" at the root).
    public let path: String

    /// A root context; pass a fresh `rng` per training step (e.g. `RNG(seed:stream:[epoch, batch])`).
    public init(training: Bool, rng: RNG = RNG(seed: 0)) {
        self.init(training: training, rng: rng, path: "")
    }

    private init(training: Bool, rng: RNG, path: String) {
        self.training = training
        self.rng = rng
        self.path = path
    }

    /// Inference: no dropout, batch norm uses its moving statistics.
    public static let inference = ForwardContext(training: false)

    /// The context for child `name` of the current module.
    public func child(_ name: String) -> ForwardContext {
        ForwardContext(training: training, rng: rng, path: path.isEmpty ? name : path + "." + name)
    }

    /// A generator for the current module alone: adding or removing another layer never shifts its draws.
    public func moduleRNG() -> RNG { rng.derived(StableHash.fnv1a(path)) }
}

/// A hash that is the same in every process (Swift's `Hasher` is randomly seeded per run).
public enum StableHash {
    /// FNV-1a over the UTF-8 bytes of `s`.
    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
