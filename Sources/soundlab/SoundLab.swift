import ArgumentParser

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
            TableCommand.self,
            DiffCommand.self,
            FeaturesCommand.self,
            RunCommand.self,
        ]
    )
}
