import Foundation

extension DatasetAudit {
    /// The audit as JSON: sorted keys, so the same dataset always gives the same bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The audit as an aligned text report. Duplicate groups crossing splits are always listed;
    /// the others only with `listAllDuplicates` (there are often dozens).
    public func table(listAllDuplicates: Bool = false) -> String {
        var out: [String] = []
        let perSplit = splits.map { "\($0.name) \($0.total.clips)" }.joined(separator: ", ")
        out.append("Dataset \(root)")
        out.append("\(count(totalClips, "clip")) in \(count(classNames.count, "class")) (\(perSplit)); "
            + "\(count(noiseClips, "noise clip"))")
        out.append("")

        var rows: [[String]] = [["split", "class", "clips", "decoded", "total s", "min s", "median s", "max s",
                                 "rates Hz", "ch", "encodings"]]
        for split in splits {
            for cls in split.classes { rows.append(row(split.name, cls)) }
            rows.append(row(split.name, split.total, name: "(all)"))
        }
        for kind in noise { rows.append(row("noise", kind)) }
        out += aligned(rows, rightAligned: Set(2...7))
        out.append("")
        out += recordingLines()
        out.append("")

        out.append("Undecodable files: \(undecodable.isEmpty ? "none" : String(undecodable.count))")
        for bad in undecodable { out.append("  \(bad.file): \(bad.reason)") }

        let copies = duplicateGroups.reduce(0) { $0 + $1.files.count }
        let splitNames = splits.map(\.name).joined(separator: "/")
        out.append("Duplicate groups (identical bytes): \(duplicateGroups.count) (\(copies) files), "
            + "\(crossSplitDuplicateGroups) crossing \(splitNames)")
        for group in duplicateGroups where listAllDuplicates || group.crossesSplits {
            let mark = group.crossesSplits ? "LEAK " : ""
            out.append("  \(mark)\(group.files.joined(separator: " = "))")
        }
        if !listAllDuplicates && duplicateGroups.count > crossSplitDuplicateGroups {
            out.append("  (\(duplicateGroups.count - crossSplitDuplicateGroups) within one split; --duplicates lists them)")
        }

        out.append("")
        out += confoundLines()
        out.append("")

        if problems.isEmpty {
            out.append("Problems: none; the dataset is usable.")
        } else {
            out.append("Problems: \(problems.count)")
            for problem in problems { out.append("  \(problem)") }
        }
        if !warnings.isEmpty {
            let names = confounds.filter(\.warns).map(\.property.displayName).joined(separator: ", ")
            out.append("Warnings: \(warnings.count) (\(names) predict\(warnings.count == 1 ? "s" : "") the class; "
                + "--strict makes them fail the audit)")
        }
        return out.joined(separator: "\n") + "\n"
    }
}

private func count(_ n: Int, _ noun: String) -> String {
    n == 1 ? "1 \(noun)" : "\(n) \(noun)\(noun.hasSuffix("s") ? "es" : "s")"
}

private func row(_ split: String, _ audit: ClassAudit, name: String? = nil) -> [String] {
    func seconds(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "-"
    }
    return [split, name ?? audit.name, String(audit.clips), String(audit.decoded),
            seconds(audit.seconds?.total, 1), seconds(audit.seconds?.min, 2),
            seconds(audit.seconds?.median, 2), seconds(audit.seconds?.max, 2),
            rates(audit.sampleRates),
            audit.channels.map(String.init).joined(separator: ","),
            audit.encodings.joined(separator: ", ")]
}

/// Up to three rates listed; more as "lowest-highest (count)" so the table stays narrow (JSON has them all).
private func rates(_ rates: [Int]) -> String {
    guard let low = rates.first, let high = rates.last else { return "-" }
    if rates.count <= 3 { return rates.map(String.init).joined(separator: ",") }
    return "\(low)-\(high) (\(rates.count))"
}

/// Pads every column to its widest cell; the last column is left ragged.
func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    return rows.map { cells in
        cells.enumerated().map { c, cell in
            let pad = String(repeating: " ", count: widths[c] - cell.count)
            if c == cells.count - 1 { return cell }
            return rightAligned.contains(c) ? pad + cell : cell + pad
        }.joined(separator: "  ")
    }
}
