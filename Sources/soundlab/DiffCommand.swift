import ArgumentParser
import Foundation
import RunStore

/// `soundlab diff`: what changed between two runs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the differences of resolved config and summary metrics between two runs.")

    @Argument(help: "The first run folder (the '-' side).")
    var runA: String

    @Argument(help: "The second run folder (the '+' side).")
    var runB: String

    func run() throws {
        try reportingFailures {
            let a = try Run.load(folder: URL(fileURLWithPath: runA, isDirectory: true))
            let b = try Run.load(folder: URL(fileURLWithPath: runB, isDirectory: true))
            print(RunDiff(a: a, b: b).render(), terminator: "")
        }
    }
}
