import ArgumentParser
import Experiment
import Foundation

/// `soundlab audit [DIR]`: what a dataset folder holds and whether it can be trained on.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a dataset folder: counts, durations, formats, bandwidth, confounds, undecodable files, duplicates.",
        discussion: """
            Exits 0 when the dataset is usable; 1 (after printing the report) when a file cannot be decoded, \
            byte-identical files cross splits, a class is empty or a class is missing from a split; 2 when the \
            folder or its class folders are missing. A recording property (sample rate, channels, encoding, \
            duration, bandwidth) that predicts the class on the first split is a confound: it is reported and \
            warned about on stderr, and fails the audit (exit 1) only with --strict.
            """)

    @Argument(help: "Dataset folder laid out as <split>/<Class>/*.wav and Noise/<kind>/*.wav.")
    var directory: String = "Animals_Sounds"

    @Option(help: "Comma-separated split folder names, in report order.")
    var splits: String = "Training,Test"

    @Option(help: "Number of threads decoding files.")
    var threads: Int = 2

    @Flag(help: "Print the audit as JSON (stable keys) instead of a table.")
    var json = false

    @Flag(help: "List every duplicate group in the table, not only those crossing splits.")
    var duplicates = false

    @Flag(help: "Exit 1 when a recording property predicts the class (a confound), not only warn.")
    var strict = false

    func run() throws {
        try reportingFailures {
            let names = splits.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw CLIFailure("--splits needs comma-separated folder names, got '\(splits)'", code: Exit.badInput)
            }
            guard threads >= 1 else { throw CLIFailure("--threads must be at least 1", code: Exit.badInput) }

            let listing: DatasetListing
            do {
                listing = try DatasetListing.scan(URL(fileURLWithPath: directory), layout: DatasetLayout(splits: names))
            } catch let error as DatasetError {
                throw CLIFailure(error.description, code: Exit.badInput)
            }
            let audit = DatasetAudit.run(listing, threads: threads)
            if json {
                FileHandle.standardOutput.write(try audit.json() + Data("\n".utf8))
            } else {
                print(audit.table(listAllDuplicates: duplicates), terminator: "")
            }
            // A confound does not stop training, it makes its scores suspect: a warning unless asked to fail.
            let confounded = audit.confounds.filter(\.warns).map(\.property.displayName)
            let confounds = "\(confounded.joined(separator: ", ")) predict\(confounded.count == 1 ? "s" : "") the class "
                + "on \(confounded.count == 1 ? "its" : "their") own (see Confounds)"
            if !confounded.isEmpty && !strict { printError("warning: \(confounds); --strict makes this fail") }
            if let first = audit.problems.first {
                let more = audit.problems.count > 1 ? " (and \(audit.problems.count - 1) more)" : ""
                throw CLIFailure("dataset not usable: \(first)\(more)", code: Exit.failure)
            }
            if strict && !confounded.isEmpty { throw CLIFailure("dataset has confounds: \(confounds)", code: Exit.failure) }
        }
    }
}
