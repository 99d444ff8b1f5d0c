import Foundation

/// Where a clip's windows start and how long they are, in the units the model reads: feature frames for a
/// model on log-mel features, samples at the backbone's rate for a backbone model.
///
/// A window starts every `hop` while a whole window still fits; a clip shorter than one window is one window,
/// zero-padded as training pads short clips. With the defaults (window = the model's input, hop = window) every
/// clip up to twice the model's input is exactly the one input evaluation gave the model, so `predict` on a
/// run's test folder gives the run's numbers; a longer recording is cut into back-to-back windows.
public struct PredictionWindows: Equatable, Sendable {
    /// Units per window and between window starts.
    public let length: Int
    public let hop: Int
    /// Seconds per unit.
    public let secondsPerUnit: Double

    public init(length: Int, hop: Int, secondsPerUnit: Double) {
        self.length = length
        self.hop = hop
        self.secondsPerUnit = secondsPerUnit
    }

    /// The start of each window of a clip `units` long.
    public func starts(units: Int) -> [Int] {
        guard units > length else { return [0] }
        return Array(stride(from: 0, through: units - length, by: hop))
    }

    /// Windows in seconds, checked against the longest window the model takes (`maxUnits`).
    static func seconds(window: Double?, hop: Double?, maxUnits: Int, secondsPerUnit: Double, what: String) throws -> PredictionWindows {
        let modelSeconds = Double(maxUnits) * secondsPerUnit
        func units(_ s: Double, _ option: String) throws -> Int {
            guard s.isFinite, s > 0 else { throw DataError("\(option) must be a positive number of seconds, got \(s)") }
            return max(1, Int((s / secondsPerUnit).rounded()))
        }
        let length = try window.map { try units($0, "--window") } ?? maxUnits
        guard length <= maxUnits else {
            throw DataError(String(format: "--window %g s is longer than the model's input (%@, %.3f s); a shorter window is padded as "
                                   + "training pads short clips, a longer one cannot be read", window!, what, modelSeconds))
        }
        return PredictionWindows(length: length, hop: try hop.map { try units($0, "--hop") } ?? length, secondsPerUnit: secondsPerUnit)
    }
}
