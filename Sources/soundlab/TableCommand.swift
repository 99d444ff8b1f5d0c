import ArgumentParser
import Experiment
import Foundation
import RunStore

extension RunTable.Format: ExpressibleByArgument {}

/// `soundlab table`: the evaluation table of every finished run.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the evaluation table of every finished run (markdown, csv or json).",
        discussion: """
            Runs of the same experiment with different seeds share one row of means ± sd; n is the number of runs. \
            Without --columns (and in markdown) it is the evaluation table of runs/evaluation.md. --columns picks any \
            summary metric (accuracy, macro_f1, weighted_f1, macro_precision, macro_recall, ece, out_of_set, \
            parameters, train_seconds, epochs_run), any evaluation set's (wind_5db.macro_f1) and any key of the \
            resolved config (train.optimizer.lr, model.backbone.pooling); --sort orders by one of them (scores high \
            first; add :asc or :desc to choose). --sweep <id> shows only that sweep's runs (runs/.sweeps/<id>/) with its \
            grid's keys as the first columns; its --charts are the sweep charts (each metric against each key's values) \
            and the comparison charts of its runs.
            """)

    @Argument(help: "Directory holding one folder per run.")
    var runsDirectory: String = "runs"

    @Flag(help: "Also write evaluation.md and evaluation.csv into the runs directory.")
    var write = false

    @Option(name: .customLong("charts"), help: ArgumentHelp(
        "Also write the comparison charts (SVG) into this directory.", valueName: "dir"))
    var chartsDirectory: String?

    @Option(help: "Output format.")
    var format: RunTable.Format = .markdown

    @Option(help: ArgumentHelp("Comma-separated columns: metrics, <set>.<metric>, or dotted config keys.", valueName: "list"))
    var columns: String?

    @Option(help: ArgumentHelp("Order rows by this column (or experiment); append :asc or :desc.", valueName: "column"))
    var sort: String?

    @Option(help: ArgumentHelp("Only this sweep's runs, its grid's keys as columns (see `soundlab sweep`).", valueName: "id"))
    var sweep: String?

    func run() throws {
        try reportingFailures {
            if let sweep {
                let chosen = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                let summary = try SweepSummary(runsDirectory: URL(fileURLWithPath: runsDirectory, isDirectory: true), id: sweep,
                                               columns: chosen, sort: sort)
                if let chartsDirectory { try summary.writeCharts(into: URL(fileURLWithPath: chartsDirectory, isDirectory: true)) }
                print(try summary.table.render(format), terminator: "")
                if !summary.missing.isEmpty { printError("note: \(summary.missing.count) run(s) of the sweep not finished: \(summary.missing.joined(separator: ", "))") }
                return
            }
            let store = RunStore(root: URL(fileURLWithPath: runsDirectory, isDirectory: true))
            let runs = try store.loadAll()
            let table = EvaluationTable(runs: runs)
            if write { try store.write(table) }
            if let chartsDirectory {
                try RunCharts.writeComparison(runs: runs, into: URL(fileURLWithPath: chartsDirectory, isDirectory: true))
            }
            if columns == nil, sort == nil, format != .json {
                print(format == .csv ? try table.csv() : table.markdown(), terminator: "")
            } else {
                let chosen = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                    ?? RunTable.defaultColumns + table.setNames.map { "\($0).macro_f1" }
                print(try RunTable(runs: runs, columns: chosen, sort: sort).render(format), terminator: "")
            }
        }
    }
}
