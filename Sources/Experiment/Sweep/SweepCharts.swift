import Charts
import Foundation
import RunStore

/// The sweep's own charts: for each swept key and each metric of `drawn`, the metric against the key's values
/// (`sweep_<metric>_by_<key>.svg`), one series per experiment file, every run a dot (seeds and the other keys'
/// values pooled), the mean ± sd marked.
public enum SweepCharts {
    /// What is drawn against each swept key: file part, axis title, value of a run's headline row.
    public static let drawn: [(file: String, title: String, value: @Sendable (SummaryRow) -> Double)] = [
        ("macro_f1", "macro-F1", { $0.macroF1 }),
        ("accuracy", "accuracy", { $0.accuracy }),
    ]

    /// SVG text by file name for the runs of `manifest` found in `runs`.
    public static func render(_ manifest: SweepFolder.Manifest, runs: [Run]) -> [String: String] {
        let byName = Dictionary(runs.map { ($0.folder.lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        let files = manifest.runs.map(\.file).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let labels = SweepPlan.labels(manifest.keys)
        var charts: [String: String] = [:]
        for (k, key) in manifest.keys.enumerated() {
            let categories = manifest.runs.map { $0.values[k] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for metric in drawn {
                let series = files.map { file in
                    DotSeries(name: ConfigPaths.stem(file), values: categories.map { value in
                        manifest.runs.filter { $0.file == file && $0.values[k] == value }
                            .compactMap { byName[$0.name].map { metric.value($0.headline) } }
                    })
                }
                let name = "sweep_\(metric.file)_by_\(SweepPlan.nameSafe(labels[k]).replacingOccurrences(of: ".", with: "_")).svg"
                charts[name] = DotChart(title: "Sweep \(manifest.id): \(metric.title) against \(key) (every run a dot; mean ± sd)",
                                        categories: categories, series: series, categoryAxisTitle: key,
                                        valueAxisTitle: metric.title, valueRange: 0...1).svg()
            }
        }
        return charts
    }
}
