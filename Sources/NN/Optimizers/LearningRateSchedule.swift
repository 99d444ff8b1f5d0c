import Foundation

/// A learning rate as a function of training progress in (fractional) epochs.
///
/// Pass `epoch + (batch + 1) / batchesPerEpoch` to update every step (the first step then already has a
/// non-zero warm-up rate), or the integer epoch to update once per epoch.
public enum LearningRateSchedule: Codable, Equatable, Sendable {
    /// The same rate throughout.
    case constant(Float)
    /// initial · factor^⌊epoch / every⌋.
    case step(initial: Float, every: Int, factor: Float)
    /// Linear from 0 to `initial` over `warmupEpochs`, then cosine from `initial` down to `minimum` at `totalEpochs`
    /// (and `minimum` after).
    case cosine(initial: Float, warmupEpochs: Double, totalEpochs: Double, minimum: Float)

    /// The rate at `epoch`.
    public func rate(epoch: Double) -> Float {
        switch self {
        case .constant(let lr):
            return lr
        case let .step(initial, every, factor):
            return initial * Foundation.pow(factor, Float((max(epoch, 0) / Double(max(every, 1))).rounded(.down)))
        case let .cosine(initial, warmup, total, minimum):
            if epoch < warmup { return initial * Float(max(epoch, 0) / warmup) }
            let span = total - warmup
            guard span > 0 else { return minimum }
            let progress = min(max((epoch - warmup) / span, 0), 1)
            return minimum + (initial - minimum) * Float(0.5 * (1 + cos(Double.pi * progress)))
        }
    }
}

/// Keras ReduceLROnPlateau on a metric that should decrease (e.g. val_loss): after `patience` epochs without an
/// improvement larger than `minDelta`, the rate is multiplied by `factor` (not below `minLearningRate`), then
/// `cooldown` epochs pass before counting again. Codable so a resumed run continues the same way.
public struct ReduceLROnPlateau: Codable, Equatable, Sendable {
    /// Multiplier applied on a plateau.
    public var factor: Float
    /// Epochs without improvement tolerated.
    public var patience: Int
    /// Smallest decrease counted as an improvement.
    public var minDelta: Float
    /// Epochs to wait after a reduction.
    public var cooldown: Int
    /// Floor for the reduced rate.
    public var minLearningRate: Float
    /// Product of the reductions so far (1 at the start).
    public private(set) var scale: Float = 1
    /// Best metric seen.
    public private(set) var best: Float = .infinity
    /// Epochs since the last improvement.
    public private(set) var wait: Int = 0
    /// Cooldown epochs left.
    public private(set) var cooldownCounter: Int = 0

    /// A plateau rule with Keras defaults (factor 0.1, patience 10, min_delta 1e-4, cooldown 0, min_lr 0).
    public init(factor: Float = 0.1, patience: Int = 10, minDelta: Float = 1e-4, cooldown: Int = 0, minLearningRate: Float = 0) {
        precondition(factor > 0 && factor < 1 && patience >= 0 && cooldown >= 0, "ReduceLROnPlateau: factor in (0, 1), patience and cooldown >= 0")
        self.factor = factor; self.patience = patience; self.minDelta = minDelta
        self.cooldown = cooldown; self.minLearningRate = minLearningRate
    }

    /// Records the epoch's metric given the rate in use; returns true when it reduced the rate.
    public mutating func observe(_ metric: Float, currentRate: Float) -> Bool {
        if cooldownCounter > 0 { cooldownCounter -= 1; wait = 0 }
        if metric < best - minDelta {
            best = metric
            wait = 0
            return false
        }
        guard cooldownCounter == 0 else { return false }
        wait += 1
        guard wait >= patience, currentRate > minLearningRate else { return false }
        scale *= factor
        cooldownCounter = cooldown
        wait = 0
        return true
    }

    /// `rate` after the reductions so far, floored at `minLearningRate` once any reduction happened.
    public func apply(_ rate: Float) -> Float { scale < 1 ? max(rate * scale, minLearningRate) : rate }
}

/// A schedule plus an optional plateau rule: the single source of the learning rate in a run, serialisable with it.
public struct LearningRateController: Codable, Equatable, Sendable {
    /// The epoch-driven schedule.
    public var schedule: LearningRateSchedule
    /// The metric-driven reductions, if any.
    public var plateau: ReduceLROnPlateau?

    /// A controller for `schedule`, optionally reduced on plateaus.
    public init(schedule: LearningRateSchedule, plateau: ReduceLROnPlateau? = nil) {
        self.schedule = schedule
        self.plateau = plateau
    }

    /// The rate at `epoch` (fractional allowed).
    public func rate(epoch: Double) -> Float { plateau?.apply(schedule.rate(epoch: epoch)) ?? schedule.rate(epoch: epoch) }

    /// Feeds the end-of-epoch metric to the plateau rule; true when the rate was reduced.
    public mutating func endEpoch(_ epoch: Int, metric: Float) -> Bool {
        guard plateau != nil else { return false }
        return plateau!.observe(metric, currentRate: rate(epoch: Double(epoch)))
    }
}
