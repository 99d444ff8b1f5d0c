import Foundation

// soundlab-fuzz: a seeded fault-injection campaign against the built `soundlab` binary (see FuzzOptions.usage).
do {
    let options = try FuzzOptions(Array(CommandLine.arguments.dropFirst()))
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("soundlab").path
    let soundlab = options.soundlab ?? beside
    guard FileManager.default.isExecutableFile(atPath: soundlab) else { throw FuzzError("no soundlab binary at \(soundlab)") }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else {
        throw FuzzError("/usr/bin/prlimit (util-linux) is needed for the memory cap")
    }
    let started = Date()
    let tally = try FuzzCampaign(options, soundlab: URL(fileURLWithPath: soundlab).path).run()
    let seconds = Int(Date().timeIntervalSince(started).rounded())
    print("soundlab-fuzz: seed \(options.seed), \(options.wavCases) WAV and \(options.yamlCases) YAML cases, "
        + "\(Int(options.timeout)) s and \(options.memoryBytes >> 20) MiB per run, \(seconds) s")
    print(tally.report(commands: [("features", WAVMutation.allCases.map(\.rawValue)),
                                  ("validate", YAMLMutation.allCases.map(\.rawValue)),
                                  ("dry-run", YAMLMutation.allCases.map(\.rawValue))]), terminator: "")
    if let path = options.summary {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(tally).write(to: URL(fileURLWithPath: path))
    }
    exit(tally.failures.isEmpty ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("soundlab-fuzz: \(error)\n".utf8))
    exit(2)
}
