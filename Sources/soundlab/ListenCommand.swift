import ArgumentParser
import AudioFeatures
import Experiment
import Foundation

/// `soundlab listen`: classifies the microphone continuously with a trained run, or a dataset clip without one.
struct ListenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Classify the microphone continuously with a trained run (a dataset clip when there is none).",
        discussion: """
            Records --seconds at a time through PortAudio and prints the top class of each recording with a \
            confidence bar, until Ctrl-C (or --count recordings). Recordings go through the run's features (or \
            backbone) and model as `soundlab predict` does, after resampling from the device's rate. With no input \
            device, or one that cannot be opened, it says so in one line on stderr and classifies --fallback \
            instead (default: a clip of the run's test folder drawn with --seed, printed), and exits 0.
            """)

    @Option(name: .customLong("run"), help: ArgumentHelp("A run folder, e.g. runs/baseline_1d_cnn-seed42.", valueName: "folder"))
    var runFolder: String?

    @Option(help: "Seconds recorded per decision.")
    var seconds = 3.0

    @Option(help: "Input device index (see --list-devices; default: the system's default input).")
    var device: Int?

    @Flag(name: .customLong("list-devices"), help: "List the audio input devices and exit.")
    var listDevices = false

    @Option(help: ArgumentHelp("Clip classified when no microphone can be used.", valueName: "file"))
    var fallback: String?

    @Option(help: "Seed of the draw of the default fallback clip.")
    var seed: UInt64 = 0

    @Option(help: "Stop after this many recordings (default: until Ctrl-C).")
    var count: Int?

    @Option(name: .customLong("cache"), help: "Feature cache folder.")
    var cache = ".cache/features"

    @OptionGroup var numerics: NumericsOptions

    func run() throws {
        try reportingFailures {
            if listDevices {
                do {
                    let devices = try Microphone.devices()
                    if devices.isEmpty { print("no audio input device") }
                    for d in devices {
                        print(String(format: "%3d  %@  (%d channel(s), %.0f Hz)%@", d.index, d.name, d.channels, d.defaultSampleRate,
                                     d.isDefault ? "  default" : ""))
                    }
                } catch {
                    print("no audio input device (\(error))")
                }
                return
            }
            guard let runFolder else { throw CLIFailure("name the model with --run FOLDER", code: Exit.badInput) }
            guard seconds > 0, seconds <= 600 else { throw CLIFailure("--seconds must be in (0, 600]", code: Exit.badInput) }
            try numerics.load()
            var options = ExperimentRunner.Options()
            options.cacheDirectory = URL(fileURLWithPath: cache)
            options.toolVersion = SoundLabVersion.string
            let predictor = try Predictor.load(runs: [URL(fileURLWithPath: runFolder)], options: options)
            let microphone: Microphone
            do {
                microphone = try Microphone(device: device)
            } catch {
                let clip = try fallback ?? Listener.fallbackClip(in: predictor.testFolder, seed: seed)
                printError("\(error); classifying \(clip) instead")
                print("fallback clip \(clip)" + (fallback == nil ? " (a random test clip, --seed \(seed))" : ""))
                switch try predictor.predict([URL(fileURLWithPath: clip)], paths: [clip])[0] {
                case .success(let p): print(Listener.line(p, labels: predictor.labels))
                case .failure(let f): throw CLIFailure("\(f)", code: Exit.badInput)
                }
                return
            }
            printError("listening on \(microphone.device.name) at \(microphone.sampleRate) Hz, \(seconds) s per decision; Ctrl-C stops")
            Interrupt.install()
            let live = isatty(STDOUT_FILENO) != 0
            var done = 0
            while !Interrupt.requested && count.map({ done < $0 }) ?? true {
                let wave = try microphone.read(seconds: seconds)
                let p = try predictor.predict(wave: wave, sampleRate: microphone.sampleRate, name: "microphone")
                let line = Listener.line(p, labels: predictor.labels)
                // On a terminal the line is redrawn in place; piped, each decision is its own line.
                print(live ? "\r\u{1B}[K" + line : line, terminator: live ? "" : "\n")
                fflush(nil)
                done += 1
            }
            if live { print() }
        }
    }
}
