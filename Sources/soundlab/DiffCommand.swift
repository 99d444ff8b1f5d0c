import ArgumentParser
import Experiment
import Foundation
import RunStore

extension GroupDiff.Format: ExpressibleByArgument {}

/// `soundlab diff`: what changed between two runs or two experiments.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what differs between two runs or two experiments (all their seeds): config keys, metrics, classes, confusion.",
        discussion: """
            A and B are run folders or experiment names (every runs/<name>-seed<s> of it). Prints the resolved-config \
            keys that differ with their dotted paths (--all: every key), each evaluation set's summary metrics as \
            mean ± sd with B − A and a paired comparison over the seeds both ran, per-class precision, recall and F1, \
            and the confusion cells that moved. Exit 1 with --fail-on-regression when B is worse than A.
            """)

    @Argument(help: "The first run folder or experiment (the 'a' side).")
    var runA: String

    @Argument(help: "The second run folder or experiment (the 'b' side).")
    var runB: String

    @Option(name: .customLong("runs"), help: "Folder of run folders, where experiment names are looked up.")
    var runs = "runs"

    @Flag(help: "List every config key, not only those that differ.")
    var all = false

    @Flag(help: "Markdown instead of plain text.")
    var md = false

    @Flag(help: "JSON instead of plain text.")
    var json = false

    @Option(name: .customLong("fail-on-regression"),
            help: ArgumentHelp("Exit 1 when B's mean METRIC is worse than A's by more than TOLERANCE (default 0).", valueName: "METRIC[:TOLERANCE]"))
    var failOnRegression: String?

    func run() throws {
        try reportingFailures {
            let directory = URL(fileURLWithPath: runs, isDirectory: true)
            let a = try GroupDiff.side(runA, runsDirectory: directory)
            let b = try GroupDiff.side(runB, runsDirectory: directory)
            var diff = GroupDiff(nameA: a.name, a: a.runs, nameB: b.name, b: b.runs)
            diff.allKeys = all
            print(try diff.render(json ? .json : md ? .md : .text), terminator: "")
            if let spec = failOnRegression, let message = try diff.regression(spec) {
                throw RegressionFound(description: message)
            }
        }
    }
}

/// `--fail-on-regression` found B worse than A: exit 1, the message on stderr.
struct RegressionFound: UserFacingError {
    let description: String
    var failureKind: FailureKind { .failure }
}
