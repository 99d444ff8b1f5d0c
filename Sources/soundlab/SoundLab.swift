import ArgumentParser
import Foundation

/// The `soundlab` command: one type per subcommand, all logic lives in the library targets.
@main
struct SoundLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soundlab",
        abstract: "Animal sound recognition experiments from YAML.",
        version: SoundLabVersion.string,
        subcommands: [
            AuditCommand.self,
            ValidateCommand.self,
            EvaluateCommand.self,
            PredictCommand.self,
            ListenCommand.self,
            TableCommand.self,
            ChartsCommand.self,
            DiffCommand.self,
            FeaturesCommand.self,
            RunCommand.self,
            SweepCommand.self,
            ReproduceCommand.self,
            CacheCommand.self,
            NoiseCommand.self,
        ]
    )

    /// argument-parser's `main`, except that a usage error (unknown option, missing argument) exits 2 like every
    /// other bad input (see `Exit`), not with sysexits' 64, so scripts need to check one code for "fix your input".
    static func main() {
        // Over a file-size limit (ulimit -f) a write must fail with EFBIG and be reported, not kill the process
        // with SIGXFSZ and no word.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            printError(fullMessage(for: error))
            Foundation.exit(Exit.badInput)
        }
    }
}
