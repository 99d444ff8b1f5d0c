import AudioFeatures
import Foundation
import Testing

/// `soundlab predict` reads clips exactly as evaluation read them: on a run's test folder its predicted classes give
/// the run's accuracy and confusion matrix, and its probabilities are those of the run's `metrics/predictions.csv`.
@Suite(.serialized) struct PredictCLITests {
    /// Two seeds of the small experiment, trained once for the suite.
    static let trained: RunScratch = {
        let scratch = try! RunScratch()
        try! scratch.write("small.yaml", smallExperiment.replacingOccurrences(of: "seed: 7", with: "seed: [7, 8]"))
        let result = try! scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=4"])
        precondition(result.status == 0, "training failed: \(result.stderr)")
        // A static is never deinitialised, so its folder is removed when the test process exits.
        sharedScratchFolder = scratch.root.path
        atexit { if let path = sharedScratchFolder { try? FileManager.default.removeItem(atPath: path) } }
        return scratch
    }()

    /// The first data row's cell under `column` of a CSV text (summary.csv has a `set` column only with several sets).
    static func first(_ column: String, of text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines[1][lines[0].firstIndex(of: column)!]
    }

    /// CSV rows as cells (no quoted cells in these files).
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func predictOnTheTestFolderGivesTheRunsAccuracyConfusionAndProbabilities() throws {
        let scratch = Self.trained
        let result = try scratch.run(["predict", "--run", "runs/small-seed7", "data/Test", "--csv", "--top-k", "3", "--cache", "c"])
        expectNoCrash(result)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Self.rows(result.stdout)
        #expect(rows.count == 9)
        let classes = RunScratch.classes
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
        for row in rows {
            // data/Test/<Class>/t<i>.wav: the 0.75 s clips are 47 frames, longer than the 32-frame input, so one window.
            #expect(row[1] == "1", "\(row)")
            let truth = classes.firstIndex(of: row[0].split(separator: "/").dropLast().last.map(String.init)!)!
            counts[truth][classes.firstIndex(of: row[2])!] += 1
        }
        let correct = (0..<classes.count).map { counts[$0][$0] }.reduce(0, +)
        let accuracy = Self.first("accuracy", of: try scratch.text("runs/small-seed7/metrics/summary.csv"))
        #expect(String(format: "%.6f", Double(correct) / Double(rows.count)) == accuracy)
        let confusion = "true\\predicted," + classes.joined(separator: ",") + "\n"
            + zip(classes, counts).map { "\($0)," + $1.map(String.init).joined(separator: ",") }.joined(separator: "\n") + "\n"
        #expect(confusion == (try scratch.text("runs/small-seed7/metrics/confusion_matrix.csv")))

        // The run's own predictions file holds the same probabilities, six decimals and all.
        let kept = Self.rows(try scratch.text("runs/small-seed7/metrics/predictions.csv"))
        #expect(kept.count == 9)
        let header = try scratch.text("runs/small-seed7/metrics/predictions.csv").split(separator: "\n")[0]
        #expect(header == "set,clip,true_class,predicted_class,p_Hum,p_Tone,p_Whistle")
        for row in rows {
            let clip = String(row[0].dropFirst("data/".count))
            let k = try #require(kept.first { $0[1] == clip }, "\(clip) not in predictions.csv")
            #expect(k[0] == "test" && k[3] == row[2])
            for rank in 0..<3 {
                #expect(k[4 + classes.firstIndex(of: row[2 + 2 * rank])!] == row[3 + 2 * rank], "\(clip) rank \(rank + 1)")
            }
        }
    }

    @Test func longClipsAreWindowedAndUnreadableClipsSkipped() throws {
        let scratch = Self.trained
        // 2.25 s of a Tone-like pitch: 141 frames of 16 ms; 0.512 s windows (32 frames) every 0.256 s start at frames 0, 16, ..., 96.
        let samples = (0..<36_000).map { Float(0.4 * sin(2 * Double.pi * 345 * Double($0) / 16_000)) }
        try scratch.write("clips/long.wav", WAVWriter.pcm16Mono(samples, sampleRate: 16_000))
        try scratch.write("clips/sub/short.WAV", toneClip(class: 1, clip: 7))
        try scratch.write("clips/sub/junk.Wav", Data("not a wave file at all".utf8))
        try scratch.write("clips/notes.txt", "not a clip")
        let result = try scratch.run(["predict", "--run", "runs/small-seed7", "clips", "--window", "0.512", "--hop", "0.256",
                                      "--timeline", "timeline.csv", "--json", "--cache", "c"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderrLines.count == 2, "\(result.stderr)")
        #expect(result.stderrLines[0].hasPrefix("skipped: clips/sub/junk.Wav: "), "\(result.stderr)")
        #expect(result.stderrLines[1] == "error: 1 of 3 clip(s) could not be classified")
        #expect(result.stdout.contains("\"file\": \"clips/long.wav\", \"windows\": 7,"), "\(result.stdout)")
        #expect(result.stdout.contains("\"file\": \"clips/sub/short.WAV\", \"windows\": 1,"), "\(result.stdout)")

        let timeline = Self.rows(try scratch.text("timeline.csv")).filter { $0[0] == "clips/long.wav" }
        #expect(timeline.map { $0[1] } == (0..<7).map(String.init))
        #expect(timeline.map { $0[2] } == ["0.000", "0.256", "0.512", "0.768", "1.024", "1.280", "1.536"])
        #expect(timeline[6][3] == "2.048")
        // The clip's decision is the mean of its windows.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let long = try #require(json.first { $0["file"] as? String == "clips/long.wav" })
        let probabilities = try #require(long["probabilities"] as? [String: Double])
        for (c, name) in RunScratch.classes.enumerated() {
            let mean = timeline.map { Double($0[4 + c])! }.reduce(0, +) / 7
            #expect(abs(probabilities[name]! - mean) < 2e-6, "\(name): \(probabilities[name]!) vs \(mean)")
        }
    }

    @Test func seedEnsembleAveragesAndBestPicksByMacroF1() throws {
        let scratch = Self.trained
        let ensemble = try scratch.run(["predict", "--experiment", "small", "data/Test/Tone", "--csv", "--top-k", "3", "--cache", "c"])
        #expect(ensemble.status == 0, "\(ensemble.stderr)")
        var seeds: [[String: [String: Double]]] = []
        for seed in [7, 8] {
            var byClip: [String: [String: Double]] = [:]
            for row in Self.rows(try scratch.text("runs/small-seed\(seed)/metrics/predictions.csv")) {
                byClip["data/" + row[1]] = Dictionary(uniqueKeysWithValues: zip(RunScratch.classes, row[4...].map { Double($0)! }))
            }
            seeds.append(byClip)
        }
        let rows = Self.rows(ensemble.stdout)
        #expect(rows.count == 3)
        for row in rows {
            for rank in 0..<3 {
                let name = row[2 + 2 * rank]
                let mean = (seeds[0][row[0]]![name]! + seeds[1][row[0]]![name]!) / 2
                #expect(abs(Double(row[3 + 2 * rank])! - mean) < 2e-6, "\(row)")
            }
        }
        let f1 = try [7, 8].map { Double(Self.first("macro_f1", of: try scratch.text("runs/small-seed\($0)/metrics/summary.csv")))! }
        let bestSeed = f1[1] > f1[0] ? 8 : 7
        let best = try scratch.run(["predict", "--experiment", "small", "--best", "data/Test", "--csv", "--cache", "c"])
        let single = try scratch.run(["predict", "--run", "runs/small-seed\(bestSeed)", "data/Test", "--csv", "--cache", "c"])
        #expect(best.status == 0 && best.stdout == single.stdout, "\(best.stderr)")
    }

    @Test func runsThatDoNotFitAreOneLineErrorsAndMissingWeightsAreRetrained() throws {
        let scratch = Self.trained
        let copy = scratch.url("runs/copy")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: scratch.url("runs/small-seed8"), to: copy)
        let original = try Data(contentsOf: copy.appendingPathComponent("weights.safetensors"))

        try FileManager.default.removeItem(at: copy.appendingPathComponent("weights.safetensors"))
        let refused = try scratch.run(["predict", "--run", "runs/copy", "data/Test", "--cache", "c"])
        expectNoCrash(refused)
        #expect(refused.status == 2 && refused.stderrLines.count == 1, "\(refused.stderr)")
        #expect(refused.stderr == "error: runs/copy has no weights.safetensors (weights are not committed with a run); recreate them "
                + "bit-exactly with `soundlab predict --run runs/copy --train-missing`\n")
        let retrained = try scratch.run(["predict", "--run", "runs/copy", "data/Test", "--train-missing", "--cache", "c"])
        #expect(retrained.status == 0, "\(retrained.stderr)")
        #expect(try Data(contentsOf: copy.appendingPathComponent("weights.safetensors")) == original)
        #expect(retrained.stdout.split(separator: "\n").count == 9)

        // A run whose committed numbers the retraining does not give back keeps no weights.
        try FileManager.default.removeItem(at: copy.appendingPathComponent("weights.safetensors"))
        let confusionURL = copy.appendingPathComponent("metrics/confusion_matrix.csv")
        let confusion = try String(contentsOf: confusionURL, encoding: .utf8)
        try (confusion + "\n").write(to: confusionURL, atomically: true, encoding: .utf8)
        let distrusted = try scratch.run(["predict", "--run", "runs/copy", "data/Test", "--train-missing", "--cache", "c"])
        // Progress lines of the retraining come first; the error is the one line that ends it.
        #expect(distrusted.status == 2 && distrusted.stderrLines.filter { $0.hasPrefix("error:") }.count == 1, "\(distrusted.stderr)")
        #expect(distrusted.stderrLines.last!.hasPrefix("error: retraining runs/copy did not reproduce its committed metrics "
                                                       + "(metrics/confusion_matrix.csv: "), "\(distrusted.stderr)")
        #expect(!FileManager.default.fileExists(atPath: copy.appendingPathComponent("weights.safetensors").path))
        try confusion.write(to: confusionURL, atomically: true, encoding: .utf8)
        try original.write(to: copy.appendingPathComponent("weights.safetensors"))

        // Weights of another model: the config now asks for a smaller dense layer.
        let configURL = copy.appendingPathComponent("config.yaml")
        let config = try String(contentsOf: configURL, encoding: .utf8)
        try config.replacingOccurrences(of: "units: 256", with: "units: 128").write(to: configURL, atomically: true, encoding: .utf8)
        let misfit = try scratch.run(["predict", "--run", "runs/copy", "data/Test", "--cache", "c"])
        #expect(misfit.status == 2 && misfit.stderrLines.count == 1, "\(misfit.stderr)")
        #expect(misfit.stderr.hasPrefix("error: runs/copy/weights.safetensors does not fit the model its config.yaml builds for 3 classes ("),
                "\(misfit.stderr)")
        // Feature settings the weights were not trained with: more frames (the flattened size changes too, but the
        // metadata says it first and in the user's terms).
        try config.replacingOccurrences(of: "max_frames: 32", with: "max_frames: 40").write(to: configURL, atomically: true, encoding: .utf8)
        let frames = try scratch.run(["predict", "--run", "runs/copy", "data/Test", "--cache", "c"])
        #expect(frames.status == 2 && frames.stderr == "error: runs/copy/weights.safetensors was trained for input shape 32,32, the run "
                + "now asks for 40,32 from config.yaml's features\n", "\(frames.stderr)")
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        let labelsURL = copy.appendingPathComponent("labels.json")
        let labels = try String(contentsOf: labelsURL, encoding: .utf8)
        try labels.replacingOccurrences(of: "Whistle", with: "Bird").write(to: labelsURL, atomically: true, encoding: .utf8)
        let renamed = try scratch.run(["predict", "--run", "runs/copy", "data/Test", "--cache", "c"])
        #expect(renamed.status == 2 && renamed.stderr == "error: runs/copy/weights.safetensors was trained for classes Hum,Tone,Whistle, "
                + "the run now asks for Hum,Tone,Bird in labels.json\n", "\(renamed.stderr)")
        try labels.write(to: labelsURL, atomically: true, encoding: .utf8)

        try FileManager.default.removeItem(at: copy.appendingPathComponent("labels.json"))
        let incomplete = try scratch.run(["predict", "--run", "runs/copy", "data/Test", "--cache", "c"])
        #expect(incomplete.status == 2 && incomplete.stderr == "error: runs/copy is not a complete run folder: it has no labels.json\n",
                "\(incomplete.stderr)")
    }
}

/// The folder of `PredictCLITests.trained`, for the exit handler that removes it.
nonisolated(unsafe) private var sharedScratchFolder: String?

/// The committed baseline, when its weights are present (they are not committed): predict on the test folder
/// gives its accuracy and confusion matrix to the last digit.
@Test(.enabled(if: FileManager.default.fileExists(atPath: SoundLabCLI.packageRoot
    .appendingPathComponent("runs/baseline_1d_cnn-seed42/weights.safetensors").path)))
func predictReproducesTheCommittedBaseline() throws {
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-predict-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    let result = try SoundLabCLI.run(["predict", "--run", "runs/baseline_1d_cnn-seed42", "Animals_Sounds/Test", "--csv", "--top-k", "1",
                                      "--cache", cache.appendingPathComponent("features").path])
    #expect(result.status == 0, "\(result.stderr)")
    let run = SoundLabCLI.packageRoot.appendingPathComponent("runs/baseline_1d_cnn-seed42")
    let byIndex = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("labels.json"))) as? [String: String])
    let labels = byIndex.sorted { Int($0.key)! < Int($1.key)! }.map(\.value)
    var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
    let rows = PredictCLITests.rows(result.stdout)
    for row in rows {
        counts[labels.firstIndex(of: String(row[0].split(separator: "/").dropLast().last!))!][labels.firstIndex(of: row[2])!] += 1
    }
    let accuracy = PredictCLITests.first("accuracy", of: try String(contentsOf: run.appendingPathComponent("metrics/summary.csv"), encoding: .utf8))
    #expect(String(format: "%.6f", Double((0..<labels.count).map { counts[$0][$0] }.reduce(0, +)) / Double(rows.count)) == accuracy)
    let confusion = "true\\predicted," + labels.joined(separator: ",") + "\n"
        + zip(labels, counts).map { "\($0)," + $1.map(String.init).joined(separator: ",") }.joined(separator: "\n") + "\n"
    #expect(confusion == (try String(contentsOf: run.appendingPathComponent("metrics/confusion_matrix.csv"), encoding: .utf8)))
}
