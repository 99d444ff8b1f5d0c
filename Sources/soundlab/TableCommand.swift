import ArgumentParser
import Foundation
import RunStore

/// `soundlab table`: the evaluation table of every finished run.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Print the evaluation table (markdown) of every finished run.",
        discussion: "Runs of the same experiment with different seeds share one row of means ± sd.")

    @Argument(help: "Directory holding one folder per run.")
    var runsDirectory: String = "runs"

    @Flag(help: "Also write evaluation.md and evaluation.csv into the runs directory.")
    var write = false

    @Option(name: .customLong("charts"), help: ArgumentHelp(
        "Also write the comparison charts (SVG) into this directory.", valueName: "dir"))
    var chartsDirectory: String?

    func run() throws {
        try reportingFailures {
            let store = RunStore(root: URL(fileURLWithPath: runsDirectory, isDirectory: true))
            let runs = try store.loadAll()
            let table = EvaluationTable(runs: runs)
            if write { try store.write(table) }
            if let chartsDirectory {
                try RunCharts.writeComparison(runs: runs, into: URL(fileURLWithPath: chartsDirectory, isDirectory: true))
            }
            print(table.markdown(), terminator: "")
        }
    }
}
