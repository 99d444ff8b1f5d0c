import Foundation

/// A slowly wandering value: an Ornstein–Uhlenbeck process with unit stationary variance, stepped at a fixed
/// interval; used for pitch drift, level wander and grid-frequency jitter.
struct Wander {
    private let keep: Double
    private let kick: Double
    /// The current value (standard normal in distribution).
    private(set) var value: Double

    /// A process whose correlation decays over `timeConstant` seconds, stepped every `step` seconds.
    init(timeConstant: Double, step: Double, _ g: inout some RandomNumberGenerator) {
        keep = exp(-step / timeConstant)
        kick = (1 - keep * keep).squareRoot()
        value = DistributionDraw.standardNormal(&g)
    }

    /// Advances one step and returns the new value.
    mutating func next(_ g: inout some RandomNumberGenerator) -> Double {
        value = keep * value + kick * DistributionDraw.standardNormal(&g)
        return value
    }
}
