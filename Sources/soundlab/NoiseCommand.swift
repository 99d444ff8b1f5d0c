import ArgumentParser
import Experiment
import Foundation

/// `soundlab noise TYPE --out DIR`: synthetic background-noise clips, proxies for noise the dataset lacks.
struct NoiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noise",
        abstract: "Write synthetic background-noise clips (\(SyntheticNoise.typeNames.joined(separator: ", "))) as WAV files.",
        discussion: """
            Writes DIR/<type>-<k>.wav for k = 1...clips, 16-bit PCM mono at RMS 0.05; TYPE 'all' writes one \
            subfolder DIR/<type>/ per type. Clip k depends only on the seed, the type and k, so it is the same \
            whatever --clips says. A new DIR appears only once every clip is written. A DIR that exists and is \
            not empty is refused unless --force, which replaces clips of the same names and leaves other files \
            alone. Exits 2 on bad arguments, 1 when a file cannot be written.
            """)

    @Argument(help: "Noise type: \((SyntheticNoise.typeNames + ["all"]).joined(separator: ", ")).")
    var type: String

    @Option(help: ArgumentHelp("Output folder (created, with its parents, when missing).", valueName: "dir"))
    var out: String

    @Option(help: "Clips per type, numbered from 1.")
    var clips: Int = 10

    @Option(help: "Length of each clip in seconds (at most 120).")
    var seconds: Double = 10

    @Option(help: "Sample rate in Hz (8000 to 48000).")
    var sampleRate: Int = 16_000

    @Option(help: "Seed of every clip's generator.")
    var seed: UInt64 = 1

    @Flag(help: "Write into a DIR that is not empty.")
    var force = false

    func run() throws {
        try reportingFailures {
            let types = try SyntheticNoise.types(named: type)
            guard clips >= 1 else { throw CLIFailure("--clips must be at least 1, got \(clips)", code: Exit.badInput) }
            guard seconds > 0, seconds <= 120 else {
                throw CLIFailure("--seconds must be in (0, 120], got \(seconds)", code: Exit.badInput)
            }
            guard (8_000...48_000).contains(sampleRate) else {
                throw CLIFailure("--sample-rate must be in 8000...48000, got \(sampleRate)", code: Exit.badInput)
            }
            let samples = Int((seconds * Double(sampleRate)).rounded())
            guard samples >= 1 else { throw CLIFailure("--seconds \(seconds) is less than one sample", code: Exit.badInput) }
            let writer = NoiseFolderWriter(types: types, clips: clips, samples: samples, sampleRate: sampleRate, seed: seed)
            try writer.write(to: URL(fileURLWithPath: out), force: force) { print($0) }
        }
    }
}
