import Foundation

/// `charts/index.html`: the evaluation table, every comparison chart with a caption, and each run's charts, on one
/// plain page (no scripts; well-formed XHTML, so a parser can check it). Built from the run folders alone, with no
/// date in it, so drawing it twice gives the same bytes.
public enum ChartsIndex {
    /// What each comparison chart shows, by file name or prefix.
    static let captions: [(prefix: String, caption: String)] = [
        ("comparison.svg", "Test accuracy, macro F1 and weighted F1 per experiment: mean ± sd over seeds, n in the label."),
        ("precision_per_class.svg", "Precision of each class per experiment, mean ± sd over seeds."),
        ("recall_per_class.svg", "Recall of each class per experiment, mean ± sd over seeds."),
        ("per_class_f1.svg", "F1 of each class per experiment, mean ± sd over seeds: where a change helps the small classes."),
        ("training_loss.svg", "Training (solid) and validation (dashed) loss per epoch, mean over seeds in a band of ± sd."),
        ("training_accuracy.svg", "Training (solid) and validation (dashed) accuracy per epoch, mean over seeds in a band of ± sd."),
        ("robustness_", "Macro-F1 against SNR for one noise type, a line per experiment (mean over seeds)."),
        ("confusion_", "Confusion matrix summed over the experiment's seeds, each true class's row as fractions."),
    ]

    static let runCaptions: [String: String] = [
        "loss.svg": "training and validation loss", "accuracy.svg": "training and validation accuracy",
        "learning_rate.svg": "learning rate per epoch", "confusion_matrix.svg": "confusion matrix (counts)",
        "confusion_matrix_normalized.svg": "confusion matrix (rows as fractions)", "f1_per_class.svg": "F1 per class",
        "robustness.svg": "macro-F1 against SNR", "reliability.svg": "reliability (calibration)",
    ]

    /// The page for `runs`, whose comparison charts `files` sit in `folder` beside it.
    public static func html(runs: [Run], files: [String], folder: URL) -> String {
        var out = [#"<?xml version="1.0" encoding="UTF-8"?>"#, "<!DOCTYPE html>",
                   #"<html xmlns="http://www.w3.org/1999/xhtml" lang="en">"#, "<head>", #"<meta charset="utf-8"/>"#,
                   "<title>soundlab: evaluation and charts</title>",
                   "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse}"
                   + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}"
                   + "figure{display:inline-block;margin:1em;vertical-align:top}img{max-width:560px}</style>",
                   "</head>", "<body>", "<h1>Evaluation</h1>"]
        out += table(EvaluationTable(runs: runs).markdown())
        out.append("<h2>Comparison across experiments</h2>")
        for file in files.filter({ $0.hasSuffix(".svg") }) {
            let caption = captions.first { file == $0.prefix || (file.hasPrefix($0.prefix) && $0.prefix.hasSuffix("_")) }?.caption ?? file
            out.append(figure(src: file, caption: "\(file): \(caption)"))
        }
        out.append("<h2>Runs</h2>")
        for run in runs.sorted(by: { $0.name < $1.name }) {
            let charts = ((try? FileManager.default.contentsOfDirectory(atPath: run.folder.appendingPathComponent(RunLayout.charts).path)) ?? [])
                .filter { $0.hasSuffix(".svg") }.sorted()
            out.append("<details><summary>\(escape(run.name))</summary>")
            for file in charts {
                let src = relativePath(from: folder, to: run.folder.appendingPathComponent(RunLayout.charts).appendingPathComponent(file))
                out.append(figure(src: src, caption: "\(run.name): \(runCaptions[file] ?? file)"))
            }
            out.append("</details>")
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    private static func figure(src: String, caption: String) -> String {
        "<figure><img src=\"\(escape(src))\" alt=\"\(escape(caption))\"/><figcaption>\(escape(caption))</figcaption></figure>"
    }

    /// The evaluation table's Markdown as an HTML table.
    private static func table(_ markdown: String) -> [String] {
        let lines = markdown.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("|---") }
        func cells(_ line: String) -> [String] {
            line.trimmingCharacters(in: CharacterSet(charactersIn: "| ")).components(separatedBy: " | ")
        }
        guard let head = lines.first else { return [] }
        return ["<table>", "<tr>" + cells(head).map { "<th>\(escape($0))</th>" }.joined() + "</tr>"]
            + lines.dropFirst().map { "<tr>" + cells($0).map { "<td>\(escape($0))</td>" }.joined() + "</tr>" } + ["</table>"]
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `to` relative to the directory `from` (both made absolute), with `/` separators.
    static func relativePath(from: URL, to: URL) -> String {
        let a = from.standardizedFileURL.pathComponents, b = to.standardizedFileURL.pathComponents
        var common = 0
        while common < min(a.count, b.count) && a[common] == b[common] { common += 1 }
        return (Array(repeating: "..", count: a.count - common) + b[common...]).joined(separator: "/")
    }
}
