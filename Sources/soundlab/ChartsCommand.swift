import ArgumentParser
import Foundation
import RunStore

/// `soundlab charts`: redraws every finished run's charts and the comparison charts, without training anything.
struct ChartsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charts",
        abstract: "Redraw the charts of every finished run and the comparison charts across experiments.",
        discussion: """
            Each run's charts/ folder gets its loss and accuracy curves, confusion heatmap and per-class F1 again \
            (from the metrics files, so nothing is retrained). The comparison charts (comparison.svg: accuracy and \
            F1 per experiment; per_class_f1.svg: F1 of every class per experiment, means over seeds) go to --out.
            """)

    @Argument(help: "Directory holding one folder per run.")
    var runsDirectory: String = "runs"

    @Option(name: .customLong("out"), help: ArgumentHelp("Directory for the comparison charts.", valueName: "dir"))
    var outDirectory: String = "charts"

    @Flag(help: "Only the comparison charts; leave the runs' own charts as they are.")
    var comparisonOnly = false

    func run() throws {
        try reportingFailures {
            let store = RunStore(root: URL(fileURLWithPath: runsDirectory, isDirectory: true))
            let runs = try store.loadAll()
            guard !runs.isEmpty else {
                throw CLIFailure("no finished run in \(runsDirectory)", code: Exit.badInput)
            }
            if !comparisonOnly {
                for run in runs {
                    try RunCharts.write(for: run)
                    print("\(run.folder.path)/\(RunLayout.charts)/")
                }
            }
            let out = URL(fileURLWithPath: outDirectory, isDirectory: true)
            for file in try RunCharts.writeComparison(runs: runs, into: out) {
                print(out.appendingPathComponent(file).path)
            }
        }
    }
}
