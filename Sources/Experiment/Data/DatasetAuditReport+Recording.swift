import Foundation

extension DatasetAudit {
    /// Per split and class: duration median, bandwidth quartiles and the sample-rate histogram, the recording
    /// conditions a model can learn instead of the animal.
    func recordingLines() -> [String] {
        var out = ["Recording conditions (bandwidth: frequency below which 99 % of a clip's energy lies, at its native rate)"]
        var rows: [[String]] = [["split", "class", "decoded", "median s", "bw q1 kHz", "median", "q3",
                                 "rates kHz: clips"]]
        func row(_ split: String, _ audit: ClassAudit, name: String? = nil) -> [String] {
            let bw = audit.bandwidthHz
            func kHz(_ hz: Double?) -> String { hz.map { String(format: "%.1f", $0 / 1000) } ?? "-" }
            return [split, name ?? audit.name, String(audit.decoded),
                    audit.seconds.map { String(format: "%.2f", $0.median) } ?? "-",
                    kHz(bw?.q1), kHz(bw?.median), kHz(bw?.q3),
                    audit.rates.map { "\(RecordingProperty.kHz(Double($0.hz))):\($0.clips)" }.joined(separator: " ")]
        }
        for split in splits {
            for cls in split.classes { rows.append(row(split.name, cls)) }
            rows.append(row(split.name, split.total, name: "(all)"))
        }
        for kind in noise { rows.append(row("noise", kind)) }
        out += aligned(rows, rightAligned: Set(2...6))
        return out
    }

    /// The confound check: a line per property, then for each that warns its line, the classes it separates best
    /// and the share of each class in each of its bins.
    func confoundLines() -> [String] {
        guard let first = confounds.first else { return ["Confounds: no decoded clip in \(splits.first?.name ?? "Training")"] }
        let clips = first.bins.reduce(0) { $0 + $1.clips.reduce(0, +) }
        var out = [String(format: "Confounds: can one recording property predict the class? %@ (%d clips), %d-fold "
            + "cross-validation by class; warn at balanced accuracy ≥ %.2f (chance %.2f) and Cramér's V ≥ %.2f",
            splits.first?.name ?? "Training", clips, ConfoundAnalysis.folds,
            ConfoundThresholds.balancedAccuracy(chance: first.chance), first.chance, ConfoundThresholds.cramersV)]
        var rows = [["property", "bins", "balanced acc", "chance", "Cramér's V", ""]]
        for check in confounds {
            rows.append([check.property.displayName, String(check.bins.count),
                         String(format: "%.2f", check.balancedAccuracy), String(format: "%.2f", check.chance),
                         String(format: "%.2f", check.cramersV), check.warns ? "WARN" : ""])
        }
        out += aligned(rows, rightAligned: Set(1...4)).map { "  " + $0.trimmingTrailingSpaces() }
        for check in confounds where check.warns {
            out.append("WARNING \(check.headline)")
            out.append("  separates best (recall): " + check.bestSeparated(classNames: classNames).joined(separator: ", "))
            out += aligned(check.shareTable(classNames: classNames), rightAligned: Set(1...check.bins.count + 1))
                .map { "    " + $0 }
        }
        return out
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
