import AudioFeatures
import Foundation
import Testing

/// `soundlab listen` without a microphone (as in CI) says so in one line, classifies a test clip drawn with its seed
/// and exits 0; with a recording device it classifies what the device records as `predict` classifies the same audio.
@Suite(.serialized) struct ListenCLITests {
    /// An ALSA configuration whose default device records `samples` (32-bit float at 44.1 kHz) from a file, over and
    /// over: a microphone for machines that have none.
    static func fakeMicrophone(in scratch: RunScratch, samples: [Float], repeats: Int) throws -> [String: String] {
        var raw = Data()
        for _ in 0..<repeats { samples.withUnsafeBytes { raw.append(contentsOf: $0) } }
        try scratch.write("alsa/recording.raw", raw)
        try scratch.write("alsa/.asoundrc", """
            pcm.!default {
                type file
                slave.pcm "null"
                file "/dev/null"
                infile "\(scratch.url("alsa/recording.raw").path)"
                format "raw"
            }

            """)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.url("alsa").path
        return environment
    }

    @Test func withoutAMicrophoneItClassifiesASeededTestClipAndExitsZero() throws {
        let scratch = PredictCLITests.trained
        // No input device 99 anywhere: the fallback path, whatever the machine has.
        let first = try scratch.run(["listen", "--run", "runs/small-seed7", "--device", "99", "--seed", "3", "--cache", "c"])
        expectNoCrash(first)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderrLines.count == 1, "\(first.stderr)")
        #expect(first.stderrLines[0].hasPrefix("no audio input device 99 (soundlab listen --list-devices lists them); classifying data/Test/"),
                "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(first.stdout)")
        let clip = try #require(lines[0].split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(lines[0] == "fallback clip \(clip) (a random test clip, --seed 3)")
        #expect(first.stderrLines[0].hasSuffix("classifying \(clip) instead"))
        // The same seed draws the same clip; the line is predict's top class with a bar of its probability.
        let again = try scratch.run(["listen", "--run", "runs/small-seed7", "--device", "99", "--seed", "3", "--cache", "c"])
        #expect(again.stdout == first.stdout)
        let predicted = try scratch.run(["predict", "--run", "runs/small-seed7", clip, "--top-k", "2", "--cache", "c"])
        let words = predicted.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let p = try #require(Double(words[2]))
        let filled = Int((p * 20).rounded())
        #expect(lines[1].hasPrefix(words[1].padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                                   + String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
                                   + String(format: "  %.2f  (%@ ", p, words[3])), "\(lines[1]) vs \(predicted.stdout)")

        let named = try scratch.run(["listen", "--run", "runs/small-seed7", "--device", "99", "--fallback", "data/Test/Whistle/t1.wav",
                                     "--cache", "c"])
        #expect(named.status == 0 && named.stdout.hasPrefix("fallback clip data/Test/Whistle/t1.wav\n"), "\(named.stdout)")
    }

    @Test func aRecordingIsClassifiedAsPredictClassifiesTheSameAudio() throws {
        let scratch = PredictCLITests.trained
        // One second of a Whistle-like tone in noise at 44.1 kHz, as 16-bit values so the WAV holds the same samples.
        var state: UInt64 = 12_345
        let ints = (0..<44_100).map { i -> Int16 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 11) / Double(1 << 53) * 2 - 1
            let x = 0.35 * sin(2 * Double.pi * 395 * Double(i) / 44_100) + 0.3 * noise
            return Int16((x * 32_767).rounded())
        }
        let environment = try Self.fakeMicrophone(in: scratch, samples: ints.map { Float($0) / 32_768 }, repeats: 4)
        let devices = try SoundLabCLI.run(["listen", "--list-devices"], directory: scratch.root, environment: environment)
        #expect(devices.status == 0)
        // Without ALSA's configuration (a machine without libasound's data files) there is no device to fake.
        guard devices.stdout.contains("default") else { return }
        try scratch.write("recording.wav", WAVWriter.pcm16Mono(ints, sampleRate: 44_100))
        let live = try SoundLabCLI.run(["listen", "--run", "runs/small-seed7", "--seconds", "1", "--count", "2", "--cache", "c"],
                                       directory: scratch.root, environment: environment)
        expectNoCrash(live)
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stderr.hasPrefix("listening on default at 44100 Hz, 1.0 s per decision"), "\(live.stderr)")
        let lines = live.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0] == lines[1], "\(live.stdout)")
        let predicted = try scratch.run(["predict", "--run", "runs/small-seed7", "recording.wav", "--top-k", "2", "--cache", "c"])
        let words = predicted.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(lines[0].hasPrefix(words[1].padding(toLength: 7, withPad: " ", startingAt: 0)), "\(lines[0]) vs \(predicted.stdout)")
        #expect(lines[0].contains(String(format: "  %.2f  (%@ %.2f)", Double(words[2])!, words[3], Double(words[4])!)),
                "\(lines[0]) vs \(predicted.stdout)")
    }
}
