import Foundation
import RunStore

/// `soundlab predict`'s outputs: lines for people, CSV and JSON for programs, and the per-window timeline.
public struct PredictionReport {
    public let labels: [String]
    public let predictions: [ClipPrediction]
    /// Classes shown per clip.
    public let topK: Int

    public init(labels: [String], predictions: [ClipPrediction], topK: Int) {
        self.labels = labels
        self.predictions = predictions
        self.topK = max(1, min(topK, labels.count))
    }

    /// One line per clip: its path, then the top classes with their probabilities (and its window count when
    /// the clip was cut into several).
    public var text: String {
        predictions.map { p in
            let top = p.top(topK).map { String(format: "%@ %.4f", labels[$0], p.probabilities[$0]) }.joined(separator: "  ")
            return "\(p.path)  \(top)" + (p.windows.count > 1 ? "  (mean of \(p.windows.count) windows)" : "")
        }.joined(separator: "\n") + (predictions.isEmpty ? "" : "\n")
    }

    /// `file,windows,class_1,probability_1,...,class_k,probability_k`, six-decimal probabilities.
    public var csv: String {
        let header = ["file", "windows"] + (1...topK).flatMap { ["class_\($0)", "probability_\($0)"] }
        let rows = predictions.map { p in
            [p.path, String(p.windows.count)] + p.top(topK).flatMap { [labels[$0], MetricFormat.fixed(Double(p.probabilities[$0]))] }
        }
        return Self.csv([header] + rows)
    }

    /// A JSON array: per clip its path, window count, top classes and the probability of every class.
    public var json: String {
        let items = predictions.map { p -> String in
            let top = p.top(topK).map { "{\"class\": \(Self.quoted(labels[$0])), \"probability\": \(MetricFormat.fixed(Double(p.probabilities[$0])))}" }
            let all = labels.indices.map { "\(Self.quoted(labels[$0])): \(MetricFormat.fixed(Double(p.probabilities[$0])))" }
            return "  {\"file\": \(Self.quoted(p.path)), \"windows\": \(p.windows.count), \"predicted\": \(Self.quoted(labels[p.predicted])), "
                + "\"top\": [\(top.joined(separator: ", "))], \"probabilities\": {\(all.joined(separator: ", "))}}"
        }
        return "[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "" : "\n") + "]\n"
    }

    /// `file,window,start_s,end_s,<class>...`: every window of every clip with the probability of every class.
    public var timeline: String {
        let header = ["file", "window", "start_s", "end_s"] + labels
        let rows = predictions.flatMap { p in
            p.windows.enumerated().map { i, w in
                [p.path, String(i), String(format: "%.3f", w.start), String(format: "%.3f", w.end)]
                    + w.probabilities.map { MetricFormat.fixed(Double($0)) }
            }
        }
        return Self.csv([header] + rows)
    }

    /// RFC 4180 rows: a cell holding a comma, quote or line break is quoted, its quotes doubled.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
