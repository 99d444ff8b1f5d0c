import ArgumentParser
import AudioFeatures
import Foundation

/// `soundlab features FILE [--out x.npy]`: what the model would see for one clip.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Decode one WAV, print its format and the statistics of its model input, optionally save it as .npy.")

    @Argument(help: "The WAV file to analyse.")
    var file: String

    @Option(name: .long, help: "Write the (frames, mels) model input, padded/truncated, to this NumPy .npy file.")
    var out: String?

    func run() throws {
        try reportingFailures {
            let url = URL(fileURLWithPath: file)
            let audio: DecodedAudio
            do { audio = try AudioDecoder.decode(url) } catch {
                throw CLIFailure("\(error)", code: Exit.badInput)
            }
            let extractor = try FeatureExtractor()
            let settings = extractor.settings
            let features = extractor.features(audio)
            let input = features.padded(to: settings.maxFrames)
            var sum = 0.0, sq = 0.0
            for v in input { sum += Double(v); sq += Double(v) * Double(v) }
            let mean = sum / Double(input.count)
            let std = (sq / Double(input.count) - mean * mean).squareRoot()
            print("file:        \(file)")
            print("audio:       \(audio.sampleRate) Hz, \(audio.channels) channel(s), \(audio.encoding), "
                + String(format: "%.3f s (%d samples)", audio.duration, audio.samples.count))
            print("features:    log-mel \(settings.nMels) bands @ \(settings.sampleRate) Hz, n_fft \(settings.nFFT), hop \(settings.hopLength)")
            print("model input: (\(settings.maxFrames), \(settings.nMels)) float32, \(features.frames) frame(s) before padding"
                + (features.frames > settings.maxFrames ? " (truncated)" : ""))
            print(String(format: "stats:       min %.6f  max %.6f  mean %.6f  std %.6f",
                         input.min() ?? 0, input.max() ?? 0, mean, std))
            if let out {
                do {
                    try NumPyFile.writeFloat32(input, shape: [settings.maxFrames, settings.nMels], to: URL(fileURLWithPath: out))
                } catch {
                    throw CLIFailure("cannot write \(error)", code: Exit.failure)
                }
                print("saved:       \(out)")
            }
        }
    }
}
