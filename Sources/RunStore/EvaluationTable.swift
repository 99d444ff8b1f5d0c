import Foundation

/// The mean, sample standard deviation and count of one metric over the seeds of an experiment.
public struct Statistic: Sendable, Equatable {
    /// Arithmetic mean.
    public var mean: Double
    /// Sample standard deviation (n − 1); nil for a single value.
    public var sd: Double?
    /// Number of values.
    public var count: Int

    /// Summarises `values` (NaN mean when empty).
    public init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        if values.count > 1 {
            let m = mean
            sd = (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
        } else {
            sd = nil
        }
    }

    /// `0.9123` or `0.9123 ± 0.0100`.
    public func formatted(decimals: Int) -> String {
        let m = String(format: "%.\(decimals)f", mean)
        guard let sd else { return m }
        return "\(m) ± \(String(format: "%.\(decimals)f", sd))"
    }
}

/// One experiment in the evaluation table; several runs of the same experiment (other seeds)
/// collapse into one row of means ± standard deviations.
public struct EvaluationRow: Sendable, Equatable {
    /// Experiment name.
    public var experiment: String
    /// Seeds of the runs summarised, ascending.
    public var seeds: [UInt64]
    /// Test accuracy.
    public var accuracy: Statistic
    /// Test weighted F1.
    public var weightedF1: Statistic
    /// Test macro F1.
    public var macroF1: Statistic
    /// Trainable parameters (the same for every seed).
    public var parameters: Int
    /// Training seconds.
    public var trainSeconds: Statistic
    /// Macro-F1 on each other evaluation set (noisy, channel-shifted, recorded elsewhere), by set name, over
    /// the runs that scored it.
    public var setMacroF1: [String: Statistic] = [:]
    /// Expected calibration error on the headline set, when the runs measured it.
    public var ece: Statistic?
    /// Classes the macro averages are over, when fewer than the model's (an evaluation set without some classes):
    /// the smallest count over the runs, and the model's class count.
    public var macroClasses: (held: Int, of: Int)?
    /// k-shot accuracy of the model's embedding (`metrics/few_shot.csv`), by k: each run's mean over its draws,
    /// summarised over the runs.
    public var fewShotAccuracy: [Int: Statistic] = [:]

    public static func == (a: EvaluationRow, b: EvaluationRow) -> Bool {
        (a.experiment, a.seeds, a.parameters) == (b.experiment, b.seeds, b.parameters)
            && (a.accuracy, a.weightedF1, a.macroF1, a.trainSeconds) == (b.accuracy, b.weightedF1, b.macroF1, b.trainSeconds)
            && a.macroClasses?.held == b.macroClasses?.held && a.macroClasses?.of == b.macroClasses?.of
            && a.setMacroF1 == b.setMacroF1 && a.ece == b.ece && a.fewShotAccuracy == b.fewShotAccuracy
    }

    /// Summarises the headline rows of the runs of one experiment; `reports` (their classification reports) say
    /// over how many classes the macro averages are.
    public init(experiment: String, rows: [SummaryRow], reports: [ClassificationReport] = []) {
        if let total = reports.map(\.classes.count).max(),
           let held = reports.map({ $0.classes.filter { $0.support > 0 }.count }).min(), held < total {
            macroClasses = (held, total)
        }
        self.experiment = experiment
        seeds = rows.map(\.seed).sorted()
        accuracy = Statistic(rows.map(\.accuracy))
        weightedF1 = Statistic(rows.map(\.weightedF1))
        macroF1 = Statistic(rows.map(\.macroF1))
        parameters = rows.map(\.parameters).max() ?? 0
        trainSeconds = Statistic(rows.map(\.trainSeconds))
        let eces = rows.compactMap(\.ece)
        ece = eces.isEmpty ? nil : Statistic(eces)
    }

    /// The row of `runs` (one experiment): the headline set's numbers, and every other set's macro-F1.
    public init(experiment: String, runs: [Run]) {
        self.init(experiment: experiment, rows: runs.map(\.headline), reports: runs.map(\.report))
        var values: [String: [Double]] = [:]
        for run in runs {
            let headline = run.headline.set
            for row in run.allSetSummaries {
                guard let set = row.set, set != headline else { continue }
                values[set, default: []].append(row.macroF1)
            }
        }
        setMacroF1 = values.mapValues(Statistic.init)
        fewShotAccuracy = Dictionary(grouping: runs.flatMap(\.fewShot), by: \.shots).mapValues { Statistic($0.map(\.accuracy)) }
    }

    /// The names of the other sets of `runs`, in the order their first run lists them.
    static func setNames(_ runs: [Run]) -> [String] {
        var names: [String] = []
        for run in runs {
            for row in run.allSetSummaries {
                if let set = row.set, set != run.headline.set, !names.contains(set) { names.append(set) }
            }
        }
        return names
    }
}

/// `runs/evaluation.md` and `runs/evaluation.csv`: one row per experiment, sorted by name.
public struct EvaluationTable: Sendable, Equatable {
    /// Rows sorted by experiment name.
    public var rows: [EvaluationRow]
    /// The other evaluation sets shown as macro-F1 columns, in order.
    public var setNames: [String]

    /// Groups runs by the experiment named in their summary and summarises each group.
    public init(runs: [Run]) {
        let groups = Dictionary(grouping: runs, by: \.headline.experiment)
        rows = groups.keys.sorted().map { EvaluationRow(experiment: $0, runs: groups[$0]!) }
        setNames = EvaluationRow.setNames(groups.keys.sorted().flatMap { groups[$0]! })
    }

    /// Rows given directly.
    public init(rows: [EvaluationRow], setNames: [String] = []) {
        self.rows = rows.sorted { $0.experiment < $1.experiment }
        self.setNames = setNames
    }

    private var showsECE: Bool { rows.contains { $0.ece != nil } }
    /// The k of every few-shot column, ascending; empty when no run measured one.
    private var fewShotColumns: [Int] { Set(rows.flatMap(\.fewShotAccuracy.keys)).sorted() }

    /// A GitHub-flavoured markdown table; scores to 4 decimals (3 for the other sets' columns, to keep the
    /// table readable), seconds to 1. Without other sets or calibration it is the classic layout.
    public func markdown() -> String {
        let extra = !setNames.isEmpty || showsECE
        let headers = ["Experiment", "Test accuracy"] + (extra ? [] : ["Weighted F1"]) + [extra ? "Test macro-F1" : "Macro F1"]
            + setNames.map { "\($0) macro-F1" } + (showsECE ? ["Test ECE"] : []) + fewShotColumns.map { "\($0)-shot accuracy" }
            + ["Parameters", "Training seconds"]
        var lines = ["| " + headers.joined(separator: " | ") + " |",
                     "|---|" + Array(repeating: "---:|", count: headers.count - 1).joined()]
        for r in rows {
            let name = r.seeds.count > 1 ? "\(r.experiment) (\(r.seeds.count) seeds)" : r.experiment
            var cells = [name.replacingOccurrences(of: "|", with: "\\|"), r.accuracy.formatted(decimals: 4)]
            if !extra { cells.append(r.weightedF1.formatted(decimals: 4)) }
            cells.append(r.macroF1.formatted(decimals: 4) + (r.macroClasses.map { " (over \($0.held) of \($0.of) classes)" } ?? ""))
            cells += setNames.map { r.setMacroF1[$0]?.formatted(decimals: 3) ?? "—" }
            if showsECE { cells.append(r.ece?.formatted(decimals: 3) ?? "—") }
            cells += fewShotColumns.map { r.fewShotAccuracy[$0]?.formatted(decimals: 3) ?? "—" }
            cells += [String(r.parameters), r.trainSeconds.formatted(decimals: 1)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same table as CSV, means and standard deviations in separate columns (sd empty for one run).
    public func csv() throws -> String {
        func pair(_ s: Statistic) -> [String] { [MetricFormat.fixed(s.mean), s.sd.map(MetricFormat.fixed) ?? ""] }
        func pair(_ s: Statistic?) -> [String] { s.map(pair) ?? ["", ""] }
        let header = ["experiment", "runs", "accuracy", "accuracy_sd", "weighted_f1", "weighted_f1_sd", "macro_f1",
                      "macro_f1_sd", "parameters", "train_seconds", "train_seconds_sd"]
            + (showsECE ? ["ece", "ece_sd"] : []) + setNames.flatMap { ["\($0)_macro_f1", "\($0)_macro_f1_sd"] }
            + fewShotColumns.flatMap { ["shot\($0)_accuracy", "shot\($0)_accuracy_sd"] }
        let body = rows.map { r in
            [r.experiment, String(r.seeds.count)] + pair(r.accuracy) + pair(r.weightedF1) + pair(r.macroF1)
                + [String(r.parameters)] + pair(r.trainSeconds)
                + (showsECE ? pair(r.ece) : []) + setNames.flatMap { pair(r.setMacroF1[$0]) }
                + fewShotColumns.flatMap { pair(r.fewShotAccuracy[$0]) }
        }
        return try CSVTable(header: header, rows: body).text()
    }
}
