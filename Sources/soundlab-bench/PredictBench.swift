// `soundlab-bench predict`: one 5 s clip classified by a fresh `soundlab predict` process (load the run, decode,
// features into an empty cache, forward) against the seed's way, a fresh Python process running Keras
// (bench/predict_keras.py: import, build, load the same weights, librosa features, `model.predict`), interleaved.
import AudioFeatures
import Experiment
import Foundation

enum PredictBench {
    static let run = "runs/baseline_1d_cnn-seed42"

    static func runBench() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let binary = "\(cwd)/.build/release/soundlab"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("predict: skipped, \(binary) is missing (swift build -c release)")
            return
        }
        guard FileManager.default.fileExists(atPath: "\(run)/weights.safetensors") else {
            print("predict: skipped, \(run) has no weights (soundlab predict --run \(run) --train-missing recreates them)")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-predictbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let clip = try fiveSecondClip(into: scratch)
        print("predict: one 5 s clip (the first 5 s of \(clip.source)), \(run), each side a fresh process")

        let python = "\(cwd)/.venv-bench/bin/python"
        let setup = Process()
        setup.executableURL = URL(fileURLWithPath: "/bin/bash")
        setup.arguments = ["\(cwd)/bench/setup_venv.sh"]
        setup.standardOutput = FileHandle.nullDevice
        do { try setup.run(); setup.waitUntilExit() } catch {}
        let hasPeer = setup.terminationStatus == 0 && FileManager.default.isExecutableFile(atPath: python)
        if !hasPeer { print("  Keras peer skipped: .venv-bench could not be made (bench/setup_venv.sh failed)") }

        var ours: [Double] = [], theirs: [Double] = []
        var ourAnswer = "", theirAnswer = "", theirStages = ""
        for i in 0..<5 {
            // An empty feature cache each time: the process decodes and computes features as on a new clip.
            let (s, out) = try timed(binary, ["predict", "--run", run, clip.url.path, "--top-k", "1",
                                             "--cache", scratch.appendingPathComponent("cache\(i)/features").path])
            ours.append(s)
            ourAnswer = out.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ")
            if hasPeer, i < 3 {
                let (t, answer) = try timed(python, ["\(cwd)/bench/predict_keras.py", run, clip.url.path],
                                            environment: ["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"])
                theirs.append(t)
                let lines = answer.split(separator: "\n").map(String.init)
                theirAnswer = lines.first ?? ""
                if t == theirs.min(), lines.count > 1, let stages = try? JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Double] {
                    theirStages = ["import", "load", "features", "forward"].map { String(format: "%@ %.2f s", $0, stages[$0] ?? .nan) }
                        .joined(separator: ", ")
                }
            }
        }
        func median(_ s: [Double]) -> Double { s.sorted()[s.count / 2] }
        print(String(format: "  soundlab predict:        median %.3f s, best %.3f s of %d  -> %@", median(ours), ours.min()!, ours.count,
                     ourAnswer.trimmingCharacters(in: .whitespacesAndNewlines)))
        guard !theirs.isEmpty else { return }
        print(String(format: "  Keras predict.py:        median %.3f s, best %.3f s of %d  -> %@", median(theirs), theirs.min()!, theirs.count,
                     theirAnswer))
        if !theirStages.isEmpty { print("    its best run: \(theirStages) (the rest is interpreter start and exit)") }
        print(String(format: "  ratio Keras / soundlab:  %.1fx (medians), %.1fx (best)", median(theirs) / median(ours),
                     theirs.min()! / ours.min()!))
        try warmBatch(python: python, scratch: scratch)
    }

    /// Every Test clip in one warm process, per clip: soundlab's `Predictor` over cached features (the forward
    /// pass and the cache reads) against Keras's `model.predict` over features already in memory, batches of 32.
    private static func warmBatch(python: String, scratch: URL) throws {
        let cwd = FileManager.default.currentDirectoryPath
        let (urls, paths) = try ClipFiles.find(["Animals_Sounds/Test"])
        var options = ExperimentRunner.Options()
        options.cacheDirectory = scratch.appendingPathComponent("warm/features")
        let predictor = try Predictor.load(runs: [URL(fileURLWithPath: run)], options: options)
        _ = try predictor.predict(urls, paths: paths)  // fills the feature cache
        var ours: [Double] = []
        for _ in 0..<3 {
            let start = Date()
            _ = try predictor.predict(urls, paths: paths)
            ours.append(Date().timeIntervalSince(start) / Double(urls.count))
        }
        print(String(format: "predict, warm batch: the %d Test clips, per clip", urls.count))
        print(String(format: "  soundlab Predictor (cached features, evaluation batches): best of 3 %.2f ms", ours.min()! * 1000))
        let list = scratch.appendingPathComponent("clips.txt")
        try urls.map(\.path).joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        guard FileManager.default.isExecutableFile(atPath: python),
              let (_, out) = try? timed(python, ["\(cwd)/bench/predict_keras.py", run, "--batch", list.path],
                                        environment: ["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"]),
              let json = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Double],
              let theirs = json["per_clip_best"] else {
            print("  Keras peer: not measured")
            return
        }
        print(String(format: "  Keras model.predict (features in memory, batches of 32): best of 3 %.2f ms", theirs * 1000))
        print(String(format: "  ratio Keras / soundlab: %.2fx", theirs / ours.min()!))
    }

    /// The first Test clip of at least 5 s, cut to 5 s and written as 16-bit WAV at its own rate.
    private static func fiveSecondClip(into folder: URL) throws -> (url: URL, source: String) {
        let root = URL(fileURLWithPath: "Animals_Sounds/Test")
        let urls = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter(AudioDecoder.isAudioFile).sorted { $0.path < $1.path }
        for url in urls {
            guard let audio = try? AudioDecoder.decode(url), audio.duration >= 5 else { continue }
            let out = folder.appendingPathComponent("clip.wav")
            try WAVWriter.pcm16Mono(Array(audio.samples.prefix(5 * audio.sampleRate)), sampleRate: audio.sampleRate).write(to: out)
            return (out, "Animals_Sounds/Test/" + url.pathComponents.suffix(2).joined(separator: "/"))
        }
        throw BenchError("no Test clip of 5 s or more")
    }

    /// Wall seconds of one process from launch to exit, and its standard output.
    private static func timed(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (Double, String) {
        let process = Process()
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        guard process.terminationStatus == 0 else {
            throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return (seconds, String(decoding: data, as: UTF8.self))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
