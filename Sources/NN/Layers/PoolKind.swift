/// Max or average, for the pooling layers.
public enum PoolKind: String, Sendable {
    /// Largest value in the window.
    case max
    /// Mean of the real (unpadded) values in the window.
    case average
}
