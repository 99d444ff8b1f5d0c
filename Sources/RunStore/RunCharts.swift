import Charts
import Foundation

/// The charts of one run: training curves, confusion heatmap, per-class F1.
public enum RunCharts {
    /// SVG text by file name (`loss.svg`, `accuracy.svg`, `learning_rate.svg`, `confusion_matrix.svg`,
    /// `confusion_matrix_normalized.svg`, `f1_per_class.svg`, and
    /// `robustness.svg` / `reliability.svg` when the run measured them).
    public static func render(title: String, history: [HistoryRow], report: ClassificationReport,
                              confusion: ConfusionMatrix, robustness: [RobustnessRow] = [],
                              calibration: [CalibrationBin] = []) -> [String: String] {
        let epochs = history.map { Double($0.epoch) }
        // A run without validation clips has no validation curve: no empty legend entry for it either.
        func curves(_ named: [(String, [Double])]) -> [LineSeries] {
            named.filter { $0.1.contains { $0.isFinite } }.map { LineSeries(name: $0.0, x: epochs, y: $0.1) }
        }
        let loss = LineChart(
            title: "\(title): loss (training and validation)",
            series: curves([("training loss", history.map(\.loss)), ("validation loss", history.map(\.valLoss))]),
            xAxisTitle: "epoch", yAxisTitle: "loss")
        let accuracy = LineChart(
            title: "\(title): accuracy (training and validation)",
            series: curves([("training accuracy", history.map(\.accuracy)), ("validation accuracy", history.map(\.valAccuracy))]),
            xAxisTitle: "epoch", yAxisTitle: "accuracy", yRange: 0...1)
        let rate = LineChart(title: "\(title): learning rate", series: curves([("learning rate", history.map(\.lr))]),
                             xAxisTitle: "epoch", yAxisTitle: "learning rate")
        let heatmap = Heatmap(
            title: "\(title): confusion matrix", rowLabels: confusion.labels, columnLabels: confusion.labels,
            values: confusion.counts.map { $0.map(Double.init) }, rowAxisTitle: "True",
            columnAxisTitle: "Predicted")
        let normalized = Heatmap(
            title: "\(title): confusion matrix, each true class's row as fractions", rowLabels: confusion.labels,
            columnLabels: confusion.labels, values: rowNormalized(confusion.counts), rowAxisTitle: "True",
            columnAxisTitle: "Predicted")
        let f1 = BarChart(
            title: "\(title): F1 per class", labels: report.classes.map(\.name), values: report.classes.map(\.f1),
            valueAxisTitle: "F1", valueRange: 0...1)
        var charts = ["loss.svg": loss.svg(), "accuracy.svg": accuracy.svg(), "learning_rate.svg": rate.svg(),
                      "confusion_matrix.svg": heatmap.svg(), "confusion_matrix_normalized.svg": normalized.svg(),
                      "f1_per_class.svg": f1.svg()]
        if !robustness.isEmpty { charts["robustness.svg"] = robustnessChart(title: title, robustness).svg() }
        if !calibration.isEmpty { charts["reliability.svg"] = reliabilityChart(title: title, calibration).svg() }
        return charts
    }

    /// Each row divided by its sum (the true class's clips); a class with no clip is a row of NaN (grey "n/a").
    static func rowNormalized(_ counts: [[Int]]) -> [[Double]] {
        counts.map { row in
            let total = row.reduce(0, +)
            return row.map { total > 0 ? Double($0) / Double(total) : .nan }
        }
    }

    /// Macro-F1 against SNR, one line per (set, noise type).
    static func robustnessChart(title: String, _ rows: [RobustnessRow]) -> LineChart {
        var order: [String] = [], points: [String: [(Double, Double)]] = [:]
        let sets = Set(rows.map(\.set))
        for r in rows {
            let name = sets.count > 1 ? "\(r.set): \(r.noise)" : r.noise
            if points[name] == nil { order.append(name) }
            points[name, default: []].append((r.snrDB, r.macroF1))
        }
        let series = order.map { name in
            let p = points[name]!.sorted { $0.0 < $1.0 }
            return LineSeries(name: name, x: p.map(\.0), y: p.map(\.1))
        }
        return LineChart(title: "\(title): macro-F1 against SNR", series: series, xAxisTitle: "SNR (dB)",
                         yAxisTitle: "macro-F1", yRange: 0...1)
    }

    /// Accuracy against mean confidence per bin (non-empty bins), one line per set, and the diagonal a
    /// calibrated model would follow.
    static func reliabilityChart(title: String, _ bins: [CalibrationBin]) -> LineChart {
        var order: [String] = []
        for b in bins where !order.contains(b.set) { order.append(b.set) }
        let series = [LineSeries(name: "calibrated", x: [0, 1], y: [0, 1])] + order.map { set in
            let filled = bins.filter { $0.set == set && $0.count > 0 }
            return LineSeries(name: set, x: filled.map(\.confidence), y: filled.map(\.accuracy))
        }
        return LineChart(title: "\(title): reliability", series: series, xAxisTitle: "confidence of the predicted class",
                         yAxisTitle: "accuracy", yRange: 0...1)
    }

    /// Redraws the charts of a finished run into its `charts/` folder (e.g. after a Charts change).
    public static func write(for run: Run) throws {
        let charts = render(title: run.name, history: run.history, report: run.report, confusion: run.confusion,
                            robustness: run.robustness, calibration: run.calibration)
        for (file, svg) in charts.sorted(by: { $0.key < $1.key }) {
            try RunFile.write(svg, to: run.folder.appendingPathComponent(RunLayout.charts).appendingPathComponent(file))
        }
    }

    /// Comparison across experiments: grouped bars of accuracy, macro F1 and weighted F1 (means
    /// over seeds), by file name (`comparison.svg`).
    public static func comparison(_ rows: [EvaluationRow]) -> [String: String] {
        func errors(_ s: [Statistic]) -> [Double] { s.map { $0.sd ?? .nan } }
        let chart = GroupedBarChart(
            title: "Test set: accuracy and F1 per experiment (mean ± sd over seeds)",
            categories: rows.map { "\($0.experiment) (n=\($0.seeds.count))" },
            series: [BarSeries(name: "accuracy", values: rows.map(\.accuracy.mean), errors: errors(rows.map(\.accuracy))),
                     BarSeries(name: "macro F1", values: rows.map(\.macroF1.mean), errors: errors(rows.map(\.macroF1))),
                     BarSeries(name: "weighted F1", values: rows.map(\.weightedF1.mean), errors: errors(rows.map(\.weightedF1)))],
            valueAxisTitle: "score", valueRange: 0...1)
        return ["comparison.svg": chart.svg()]
    }

    /// Per-class precision, recall and F1 of every experiment (mean ± sd over its runs), classes as groups, experiments
    /// as bars (`precision_per_class.svg`, `recall_per_class.svg`, `per_class_f1.svg`): where a change helps the small
    /// classes that macro F1 weighs. Runs that name other classes than the first run are left out rather than
    /// mislabelled.
    public static func perClassComparison(_ runs: [Run]) -> [String: String] {
        guard let classes = runs.first?.labels else { return [:] }
        let comparable = runs.filter { $0.labels == classes }
        let groups = Dictionary(grouping: comparable, by: \.headline.experiment)
        let metrics: [(file: String, title: String, value: (ReportRow) -> Double)] = [
            ("precision_per_class.svg", "precision", { $0.precision }), ("recall_per_class.svg", "recall", { $0.recall }),
            ("per_class_f1.svg", "F1", { $0.f1 }),
        ]
        var charts: [String: String] = [:]
        for m in metrics {
            let series = groups.keys.sorted().map { experiment in
                let stats = classes.indices.map { c in Statistic(groups[experiment]!.map { m.value($0.report.classes[c]) }) }
                return BarSeries(name: "\(experiment) (n=\(groups[experiment]!.count))", values: stats.map(\.mean),
                                 errors: stats.map { $0.sd ?? .nan })
            }
            charts[m.file] = GroupedBarChart(title: "Test set: \(m.title) per class (mean ± sd over seeds)", categories: classes,
                                             series: series, valueAxisTitle: m.title, valueRange: 0...1).svg()
        }
        return charts
    }

    /// Training (solid) and validation (dashed) loss and accuracy of every experiment overlaid
    /// (`training_loss.svg`, `training_accuracy.svg`): the mean over its runs at each epoch they all reached, in a
    /// band of ± one sd.
    public static func trainingCurves(_ runs: [Run]) -> [String: String] {
        let groups = Dictionary(grouping: runs, by: \.headline.experiment)
        var charts: [String: String] = [:]
        for (file, what, training, validation, range) in [
            ("training_loss.svg", "loss", { (r: HistoryRow) in r.loss }, { (r: HistoryRow) in r.valLoss }, nil as ClosedRange<Double>?),
            ("training_accuracy.svg", "accuracy", { (r: HistoryRow) in r.accuracy }, { (r: HistoryRow) in r.valAccuracy }, 0...1),
        ] {
            var series: [LineSeries] = []
            for experiment in groups.keys.sorted() {
                let members = groups[experiment]!
                let epochs = members.map(\.history.count).min() ?? 0
                guard epochs > 0 else { continue }
                for (kind, value, dashed) in [("training", training, false), ("validation", validation, true)] {
                    let stats = (0..<epochs).map { e in Statistic(members.map { value($0.history[e]) }.filter(\.isFinite)) }
                    guard stats.contains(where: { $0.count > 0 }) else { continue }
                    let mean = stats.map { $0.count > 0 ? $0.mean : .nan }
                    let sd = stats.map { $0.sd ?? 0 }
                    // A loss is never below zero nor an accuracy outside 0...1: the band stops there.
                    let floor = 0.0, ceiling = range?.upperBound ?? .infinity
                    series.append(LineSeries(name: "\(experiment) (n=\(members.count)) \(kind)", x: (1...epochs).map(Double.init), y: mean,
                                             band: members.count > 1 ? (zip(mean, sd).map { max($0 - $1, floor) }, zip(mean, sd).map { min($0 + $1, ceiling) }) : nil,
                                             dashed: dashed))
                }
            }
            guard !series.isEmpty else { continue }
            let chart = LineChart(title: "\(what) per epoch, mean ± sd over seeds (solid training, dashed validation)", series: series,
                                  xAxisTitle: "epoch", yAxisTitle: what, yRange: range)
            charts[file] = chart.svg()
        }
        return charts
    }

    /// Each experiment's confusion matrix summed over its runs, rows as fractions (`confusion_<experiment>.svg`).
    public static func summedConfusions(_ runs: [Run]) -> [String: String] {
        let groups = Dictionary(grouping: runs, by: \.headline.experiment)
        var charts: [String: String] = [:]
        for (experiment, members) in groups {
            let labels = members[0].confusion.labels
            let same = members.filter { $0.confusion.labels == labels }
            var sum = labels.map { _ in [Int](repeating: 0, count: labels.count) }
            for r in same { for i in labels.indices { for j in labels.indices { sum[i][j] += r.confusion.counts[i][j] } } }
            charts["confusion_\(experiment).svg"] = Heatmap(
                title: "\(experiment): confusion matrix summed over \(same.count) run(s), rows as fractions", rowLabels: labels,
                columnLabels: labels, values: rowNormalized(sum), rowAxisTitle: "True", columnAxisTitle: "Predicted").svg()
        }
        return charts
    }

    /// Robustness across experiments, one chart per noise type (`robustness_<noise>.svg`): macro-F1 against SNR,
    /// a line per experiment, each point the mean over its runs.
    public static func robustnessComparison(_ runs: [Run]) -> [String: String] {
        let points = runs.flatMap { run in run.robustness.map { (run.headline.experiment, $0) } }
        var charts: [String: String] = [:]
        for noise in Set(points.map(\.1.noise)).sorted() {
            let mine = points.filter { $0.1.noise == noise }
            let series = Set(mine.map(\.0)).sorted().map { experiment -> LineSeries in
                let bySNR = Dictionary(grouping: mine.filter { $0.0 == experiment }.map(\.1), by: \.snrDB)
                let snrs = bySNR.keys.sorted()
                return LineSeries(name: experiment, x: snrs,
                                  y: snrs.map { s in bySNR[s]!.map(\.macroF1).reduce(0, +) / Double(bySNR[s]!.count) })
            }
            let chart = LineChart(title: "\(noise) noise: macro-F1 against SNR (mean over seeds)", series: series,
                                  xAxisTitle: "SNR (dB)", yAxisTitle: "macro-F1", yRange: 0...1)
            charts["robustness_\(noise).svg"] = chart.svg()
        }
        return charts
    }

    /// Writes the comparison charts of `runs` (all of the above) into `folder`; returns the files written.
    @discardableResult
    public static func writeComparison(runs: [Run], into folder: URL) throws -> [String] {
        let charts = comparison(EvaluationTable(runs: runs).rows).merging(perClassComparison(runs)) { a, _ in a }
            .merging(robustnessComparison(runs)) { a, _ in a }.merging(summedConfusions(runs)) { a, _ in a }
            .merging(trainingCurves(runs)) { a, _ in a }
        for (file, svg) in charts.sorted(by: { $0.key < $1.key }) {
            try RunFile.write(svg, to: folder.appendingPathComponent(file))
        }
        let ordered = ["comparison.svg", "per_class_f1.svg", "precision_per_class.svg", "recall_per_class.svg", "training_loss.svg",
                       "training_accuracy.svg"].filter { charts[$0] != nil }
            + charts.keys.filter { $0.hasPrefix("robustness_") }.sorted() + charts.keys.filter { $0.hasPrefix("confusion_") }.sorted()
        try RunFile.write(ChartsIndex.html(runs: runs, files: ordered, folder: folder), to: folder.appendingPathComponent("index.html"))
        return (charts.keys.sorted() + ["index.html"]).sorted()
    }
}
