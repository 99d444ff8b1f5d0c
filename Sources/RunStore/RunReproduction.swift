import Foundation

/// How a fresh retraining of a run differs from the committed run folder, timing aside: every file a committed
/// run holds is compared byte for byte, except the columns that measure seconds and `run.json` (host, dates,
/// timings). Weights are compared when both folders have them (they are not committed).
public enum RunReproduction {
    /// Files compared whole.
    static let exactFiles = [RunLayout.config, RunLayout.labels, RunLayout.split, RunLayout.report, RunLayout.confusion,
                             RunLayout.robustness, RunLayout.calibration, RunLayout.crossValidation, RunLayout.fewShot, RunLayout.predictions,
                             RunLayout.weights]
    /// CSV files compared without their timing columns.
    static let timedFiles = [(RunLayout.summary, "train_seconds"), (RunLayout.history, "seconds")]

    /// One line per difference (`file: what differs`); empty when the fresh run reproduces the committed one.
    public static func differences(committed: URL, fresh: URL) -> [String] {
        var found: [String] = []
        let fm = FileManager.default
        for file in exactFiles {
            let a = committed.appendingPathComponent(file), b = fresh.appendingPathComponent(file)
            let hasA = fm.fileExists(atPath: a.path), hasB = fm.fileExists(atPath: b.path)
            if file == RunLayout.weights && !(hasA && hasB) { continue }
            guard hasA else { continue }
            guard hasB else { found.append("\(file): missing from the fresh run"); continue }
            if let line = firstDifference(a, b, dropping: nil) { found.append("\(file): \(line)") }
        }
        // Each set the fresh run scored too (sets scored later by `soundlab evaluate` are not the retraining's).
        let freshSets = ((try? fm.contentsOfDirectory(atPath: fresh.appendingPathComponent(RunLayout.sets).path)) ?? []).sorted()
        var timed = timedFiles
        for set in freshSets where !set.hasPrefix(".") {
            let folder = "\(RunLayout.sets)/\(set)/"
            timed.append((folder + SetResults.summaryFile, "train_seconds"))
            for file in [SetResults.reportFile, SetResults.confusionFile, SetResults.predictionsFile] {
                let a = committed.appendingPathComponent(folder + file), b = fresh.appendingPathComponent(folder + file)
                let hasA = fm.fileExists(atPath: a.path), hasB = fm.fileExists(atPath: b.path)
                // Runs committed before predictions were kept have none to compare.
                if file == SetResults.predictionsFile && !hasA { continue }
                guard hasA else { found.append("\(folder + file): missing from the committed run"); continue }
                guard hasB else { found.append("\(folder + file): missing from the fresh run"); continue }
                if let line = firstDifference(a, b, dropping: nil) { found.append("\(folder + file): \(line)") }
            }
        }
        for (file, column) in timed {
            let a = committed.appendingPathComponent(file), b = fresh.appendingPathComponent(file)
            guard fm.fileExists(atPath: a.path) else { found.append("\(file): missing from the committed run"); continue }
            guard fm.fileExists(atPath: b.path) else { found.append("\(file): missing from the fresh run"); continue }
            if let line = firstDifference(a, b, dropping: column) { found.append("\(file): \(line)") }
        }
        return found
    }

    /// The first differing line of two files (with `dropping`, a CSV's column of that name removed first).
    private static func firstDifference(_ a: URL, _ b: URL, dropping column: String?) -> String? {
        guard let x = try? Data(contentsOf: a), let y = try? Data(contentsOf: b) else { return "cannot be read" }
        if column == nil && x == y { return nil }
        if a.pathExtension == "safetensors" { return "the bytes differ" }
        let left = lines(x, dropping: column), right = lines(y, dropping: column)
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? left[i] : "(end of file)", r = i < right.count ? right[i] : "(end of file)"
            if l != r { return "line \(i + 1): committed \(l) | fresh \(r)" }
        }
        return nil
    }

    private static func lines(_ data: Data, dropping column: String?) -> [String] {
        let all = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let column, let header = all.first else { return all }
        guard let index = header.split(separator: ",", omittingEmptySubsequences: false).firstIndex(where: { $0 == column }) else {
            return all
        }
        return all.map { line in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if index < cells.count { cells.remove(at: index) }
            return cells.joined(separator: ",")
        }
    }
}
