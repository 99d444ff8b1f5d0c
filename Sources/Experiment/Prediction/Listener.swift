import Foundation
import TensorCore

/// What `soundlab listen` shows and falls back on: a live line per recording, and a dataset clip to classify
/// when there is no microphone to record from.
public enum Listener {
    /// A clip of `folder` (the run's test folder) drawn with a generator seeded by `seed`, so a fallback is
    /// repeatable: the same seed picks the same clip.
    public static func fallbackClip(in folder: String, seed: UInt64) throws -> String {
        let (_, paths) = try ClipFiles.find([folder])
        guard !paths.isEmpty else { throw DataError("no .wav clip in \(folder) to fall back on; name one with --fallback") }
        var rng = RNG(seed: seed)
        return paths[Int(rng.next() % UInt64(paths.count))]
    }

    /// `Dog      ████████████████░░░░  0.82  (Cat 0.10)`: the top class, a bar of its probability, the runner-up.
    public static func line(_ prediction: ClipPrediction, labels: [String], width: Int = 20) -> String {
        let top = prediction.top(2)
        let p = prediction.probabilities[top[0]]
        let filled = Int((Double(p) * Double(width)).rounded())
        let name = labels[top[0]].padding(toLength: max(labels.map(\.count).max() ?? 0, 1), withPad: " ", startingAt: 0)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let second = top.count > 1 ? String(format: "  (%@ %.2f)", labels[top[1]], prediction.probabilities[top[1]]) : ""
        return String(format: "%@  %@  %.2f", name, bar, p) + second
    }
}
