import ArgumentParser
import Experiment

/// `soundlab validate FILE...`: loads each experiment exactly as `run` would, without running it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check experiment files (schema, extends, data folders, model) without running them.",
        discussion: "Prints 'ok  <file>' for each valid file and file:line:column diagnostics for the others. "
            + "Exit status 0 when every file is valid, 2 otherwise.")

    @Argument(help: "Experiment YAML files to check.")
    var files: [String]

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a value before validating, e.g. --set train.epochs=5 (repeatable).", valueName: "path=value"))
    var overrides: [String] = []

    @Flag(name: .customLong("print"), help: "Also print each valid file's resolved config (defaults filled, extends merged).")
    var printResolved = false

    @OptionGroup var memory: MemoryBudgetOption

    func run() throws {
        try reportingFailures {
            let budget = try memory.budget()
            var invalid = 0
            for file in files {
                do {
                    let config = try ExperimentConfig.load(path: file, overrides: overrides)
                    try config.checkModel(budget: budget)
                    print("ok  \(file)")
                    if printResolved { print(config.resolvedYAML) }
                } catch let error as ConfigError {
                    for diagnostic in error.diagnostics { printError(line(for: diagnostic, in: file)) }
                    invalid += 1
                }
            }
            if invalid > 0 {
                throw CLIFailure("\(invalid) of \(files.count) experiment file\(files.count == 1 ? "" : "s") invalid",
                                 code: Exit.badInput)
            }
        }
    }

    /// A diagnostic located at a `--set` override names no file; with several files the same override is applied
    /// to each, so say which file it failed for (one file needs no prefix, and keeps the documented format).
    private func line(for diagnostic: ConfigDiagnostic, in file: String) -> String {
        let atOverride = diagnostic.location.line == 0 && diagnostic.location.file.hasPrefix("--set ")
        return atOverride && files.count > 1 ? "\(file): \(diagnostic)" : diagnostic.description
    }
}
