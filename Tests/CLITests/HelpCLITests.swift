import Foundation
import Testing

/// One entry of an ARGUMENTS or OPTIONS section of `--help`: its names and its description.
private struct HelpEntry {
    var names: String
    var description: String
}

/// Reads the entries of the ARGUMENTS and OPTIONS sections of argument-parser's help text. An entry starts
/// two spaces in; its description follows on the same line after a run of spaces, or on deeper-indented lines.
private func helpEntries(_ help: String) -> [HelpEntry] {
    var entries: [HelpEntry] = []
    var inSection = false
    for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line.hasSuffix(":") && !line.hasPrefix(" ") {
            inSection = line == "ARGUMENTS:" || line == "OPTIONS:"
            continue
        }
        guard inSection, !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
        let indent = line.prefix { $0 == " " }.count
        let text = line.trimmingCharacters(in: .whitespaces)
        if indent == 2 {
            // Names and description are separated by at least two spaces; names never contain two in a row.
            if let gap = text.range(of: "  ") {
                entries.append(HelpEntry(names: String(text[..<gap.lowerBound]),
                                         description: text[gap.upperBound...].trimmingCharacters(in: .whitespaces)))
            } else {
                entries.append(HelpEntry(names: text, description: ""))
            }
        } else if indent > 2, !entries.isEmpty {
            entries[entries.count - 1].description += (entries[entries.count - 1].description.isEmpty ? "" : " ") + text
        }
    }
    return entries
}

@Test func helpScannerFindsAnOptionWithoutDescription() {
    // The scanner the help tests rely on must notice what they look for, on argument-parser's layout.
    let help = """
        OVERVIEW: x

        ARGUMENTS:
          <files>                 Files to check.

        OPTIONS:
          --quiet
          --set <path=value>      Override a value before validating, e.g. --set
                                  train.epochs=5 (repeatable).
          --a-very-long-option-name <value>
                                  Described on the next line.
          -h, --help              Show help information.

        """
    let entries = helpEntries(help)
    #expect(entries.map(\.names) == ["<files>", "--quiet", "--set <path=value>", "--a-very-long-option-name <value>",
                                     "-h, --help"])
    #expect(entries.map(\.description) == ["Files to check.", "",
                                           "Override a value before validating, e.g. --set train.epochs=5 (repeatable).",
                                           "Described on the next line.", "Show help information."])
}

private let subcommands = ["audit", "validate", "table", "diff", "cache", "noise", "predict", "listen", "sweep"]

@Test func rootHelpExitsZeroListsEverySubcommandWithAnAbstract() throws {
    let result = try SoundLabCLI.run(["--help"])
    expectNoCrash(result)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.hasPrefix("OVERVIEW: Animal sound recognition experiments from YAML."))
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let start = try #require(lines.firstIndex(of: "SUBCOMMANDS:"))
    for name in subcommands {
        let row = lines[(start + 1)...].first { $0.hasPrefix("  \(name) ") }
        #expect(row != nil, "no row for \(name)")
        let abstract = row.map { String($0.dropFirst(2 + name.count)).trimmingCharacters(in: .whitespaces) } ?? ""
        #expect(abstract.count > 10, "\(name) has no abstract: '\(abstract)'")
    }
}

@Test func everySubcommandHelpExitsZeroAndEveryArgumentAndOptionHasHelpText() throws {
    for command in [[]] + subcommands.map({ [$0] }) + [["cache", "prune"]] {
        let result = try SoundLabCLI.run(command + ["--help"])
        expectNoCrash(result)
        #expect(result.status == 0, "\(command) --help")
        #expect(result.stderr.isEmpty)
        let entries = helpEntries(result.stdout)
        #expect(entries.contains { $0.names == "-h, --help" }, "\(command): \(result.stdout)")
        for entry in entries {
            #expect(!entry.description.isEmpty, "soundlab \(command.joined()) --help: '\(entry.names)' has no help text")
        }
    }
}

@Test func subcommandHelpNamesTheirOwnOptions() throws {
    let expected: [String: [String]] = [
        "audit": ["<directory>", "--splits <splits>", "--threads <threads>", "--json", "--duplicates", "--strict"],
        "validate": ["<files>", "--set <path=value>", "--print"],
        "table": ["<runs-directory>", "--write", "--charts <dir>"],
        "diff": ["<run-a>", "<run-b>"],
        "cache prune": ["<experiments>", "--cache <cache>", "--dry-run"],
        "noise": ["<type>", "--out <dir>", "--clips <clips>", "--seconds <seconds>", "--sample-rate <sample-rate>",
                  "--seed <seed>", "--force"],
        "predict": ["<clips>", "--run <folder>", "--experiment <name>", "--best", "--top-k <top-k>", "--json", "--csv",
                    "--timeline <file>", "--window <seconds>", "--hop <seconds>", "--train-missing"],
        "listen": ["--run <folder>", "--seconds <seconds>", "--device <device>", "--list-devices", "--fallback <file>",
                   "--seed <seed>", "--count <count>"],
    ]
    for (name, options) in expected.sorted(by: { $0.key < $1.key }) {
        let words = name.split(separator: " ").map(String.init)
        let result = try SoundLabCLI.run(words + ["--help"])
        #expect(result.status == 0)
        let names = helpEntries(result.stdout).map(\.names)
        for option in options {
            #expect(names.contains(option), "soundlab \(name) --help lacks \(option): \(names)")
        }
        // `help <sub>` is the same text.
        let viaHelp = try SoundLabCLI.run(["help"] + words)
        #expect(viaHelp.status == 0)
        #expect(viaHelp.stdout == result.stdout)
    }
}

@Test func versionFlagPrintsTheToolVersion() throws {
    let result = try SoundLabCLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "0.4.0\n")
}

@Test func usageErrorsExitTwoLikeEveryOtherBadInput() throws {
    // argument-parser's own exit code for these is 64; the CLI promises 2 for any bad input.
    let cases: [([String], String)] = [
        (["frobnicate"], "Error: Unexpected argument 'frobnicate'"),
        (["table", "--bogus"], "Error: Unknown option '--bogus'"),
        (["diff", "only-one"], "Error: Missing expected argument '<run-b>'"),
        (["validate"], "Error: Missing expected argument '<files> ...'"),
        (["audit", "--threads", "many"], "Error: The value 'many' is invalid for '--threads <threads>'"),
    ]
    for (arguments, message) in cases {
        let result = try SoundLabCLI.run(arguments)
        expectNoCrash(result)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.first.map(String.init) == message, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("Usage: soundlab"), "\(arguments): \(result.stderr)")
    }
}

/// Every subcommand's `--help` as committed (Tests/CLITests/Fixtures/help/<command>.txt): a changed option, default
/// or wording shows up here. After a deliberate change, regenerate them with
/// `for c in "" $(soundlab --help | …); do soundlab $c --help > Tests/CLITests/Fixtures/help/${c:-soundlab}.txt; done`.
@Test(arguments: ["soundlab", "audit", "validate", "evaluate", "predict", "listen", "table", "charts", "diff", "features", "run",
                  "reproduce", "cache", "noise"])
func helpOfEveryCommandIsPinned(_ command: String) throws {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("help")
    let expected = try String(contentsOf: folder.appendingPathComponent("\(command).txt"), encoding: .utf8)
    let result = try SoundLabCLI.run(command == "soundlab" ? ["--help"] : [command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout + result.stderr == expected, "soundlab \(command) --help changed; regenerate its fixture if that was meant")
}
