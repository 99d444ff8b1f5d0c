import Foundation
import RunStore

/// The finished runs of one experiment under a runs folder: `<name>-seed<s>/` for each seed, or `<name>/` for a
/// single-seed experiment, so `predict --experiment` can average them or pick the best.
public enum ExperimentRuns {
    /// Every run of `experiment` in `runsDirectory`, by seed.
    public static func all(_ experiment: String, in runsDirectory: URL) throws -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runsDirectory.path)) ?? []
        let prefix = "\(experiment)-seed"
        let seeded = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix), let seed = Int(name.dropFirst(prefix.count)) else { return nil }
            return (seed, name)
        }.sorted { $0.0 < $1.0 }.map(\.1)
        let chosen = seeded.isEmpty && names.contains(experiment) ? [experiment] : seeded
        guard !chosen.isEmpty else {
            throw DataError("no run of experiment '\(experiment)' in \(runsDirectory.relativePath) (looked for \(experiment)-seed<s>/ and \(experiment)/)")
        }
        return chosen.map { runsDirectory.appendingPathComponent($0) }
    }

    /// The run of `experiment` with the highest headline macro-F1 in its `metrics/summary.csv` (the lowest seed
    /// of equals).
    public static func best(_ experiment: String, in runsDirectory: URL) throws -> URL {
        var best: (URL, Double)?
        for folder in try all(experiment, in: runsDirectory) {
            let f1 = try Run.load(folder: folder).headline.macroF1
            if best == nil || f1 > best!.1 { best = (folder, f1) }
        }
        return best!.0
    }
}
