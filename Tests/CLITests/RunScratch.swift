import AudioFeatures
import Foundation
import Testing

/// A scratch folder holding a tiny synthetic dataset (3 classes × 8 training clips of tones in noise) and the
/// experiment files of one test; `soundlab run` is started inside it so `data.root` stays relative.
final class RunScratch: @unchecked Sendable {
    let root: URL
    static let classes = ["Hum", "Tone", "Whistle"]

    init(trainingClips: Int = 8, testClips: Int = 3, classes: [String] = RunScratch.classes) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-run-\(UUID().uuidString)")
        for (c, name) in classes.enumerated() {
            for i in 0..<trainingClips { try write("data/Training/\(name)/\(i).wav", toneClip(class: c, clip: i)) }
            for i in 0..<testClips { try write("data/Test/\(name)/t\(i).wav", toneClip(class: c, clip: 100 + i)) }
        }
        try write("data/Noise/wind/w0.wav", toneClip(class: 9, clip: 0))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ data: Data) throws {
        let u = url(path)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: u)
    }

    func write(_ path: String, _ text: String) throws { try write(path, Data(text.utf8)) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    /// Runs `soundlab` inside the scratch folder.
    func run(_ arguments: [String]) throws -> CLIResult { try SoundLabCLI.run(arguments, directory: root) }
}

/// The experiment the resume tests train: small enough for CI, but with everything that must survive a restart —
/// waveform and spectrogram augmentation, dropout, batch norm statistics, Adam slots, a cosine schedule, and
/// early stopping's best weights (restored at the end).
let smallExperiment = """
    name: small
    seed: 7
    data: {root: data, validation_fraction: 0.25}
    features: {sample_rate: 16000, n_fft: 512, hop_length: 256, n_mels: 32, max_frames: 32}
    augmentation:
      - {type: gain, db: [-3, 3], p: 0.5}
      - {type: spec_augment, freq_masks: 1, freq_width: 4, time_masks: 1, time_width: 4, p: 0.5}
    model:
      layers:
        - {type: conv1d, filters: 64, kernel_size: 3, activation: relu}
        - {type: batch_norm}
        - {type: max_pool1d, pool_size: 2}
        - {type: dropout, rate: 0.3}
        - {type: flatten}
        - {type: dense, units: 256, activation: relu}
        - {type: dropout, rate: 0.3}
        - {type: dense, units: classes, activation: softmax}
    train:
      epochs: 12
      batch_size: 8
      optimizer: {type: adam, lr: 2.0e-3}
      schedule: {type: cosine, warmup_epochs: 2}
      early_stopping: {monitor: val_loss, patience: 20}

    """

/// A 0.75 s, 16 kHz mono 16-bit WAV: a tone whose pitch depends on the class, with a per-clip pitch, phase,
/// loudness and noise drawn from a tiny LCG so every clip is distinct and reproducible.
func toneClip(class c: Int, clip: Int) -> Data {
    let frames = 12_000
    var state = UInt64(0x9E37_79B9_7F4A_7C15) &* UInt64(c * 1_000 + clip + 1)
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    // Neighbouring classes overlap a little in pitch and the noise is loud, so the task is not trivially solved.
    let frequency = 300 + 40 * Double(c) + 50 * next()
    let phase = 2 * Double.pi * next(), amplitude = 0.2 + 0.3 * next()
    let samples = (0..<frames).map { i -> Int16 in
        let t = Double(i) / 16_000
        let x = amplitude * sin(2 * .pi * frequency * t + phase) + 0.4 * (next() * 2 - 1)
        return Int16(max(-32_767, min(32_767, (x * 32_767).rounded())))
    }
    return WAVWriter.pcm16Mono(samples, sampleRate: 16_000)
}

/// A CSV file's rows with the named columns left out (timing columns differ between identical runs).
func csvRows(_ text: String, dropping columns: Set<String>) throws -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    for c in columns { #expect(header.contains(c), "no column \(c) in \(header)") }
    let keep = header.indices.filter { !columns.contains(header[$0]) }
    return lines.map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return keep.map { $0 < cells.count ? cells[$0] : "<missing>" }.joined(separator: ",")
    }
}

/// Asserts that two finished run folders hold the same numbers: metrics CSVs to the last digit (timing columns
/// aside), and byte-identical weights.
func expectSameMetrics(_ a: URL, _ b: URL, sameConfig: Bool = true,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
    func read(_ folder: URL, _ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }
    let summaryA = try csvRows(read(a, "metrics/summary.csv"), dropping: ["train_seconds"])
    let summaryB = try csvRows(read(b, "metrics/summary.csv"), dropping: ["train_seconds"])
    #expect(summaryA == summaryB, "summary.csv differs", sourceLocation: sourceLocation)
    let historyA = try csvRows(read(a, "metrics/history.csv"), dropping: ["seconds"])
    let historyB = try csvRows(read(b, "metrics/history.csv"), dropping: ["seconds"])
    #expect(historyA == historyB, "history.csv differs", sourceLocation: sourceLocation)
    #expect(historyA.count > 1, "history.csv has no epochs", sourceLocation: sourceLocation)
    for file in ["metrics/classification_report.csv", "metrics/confusion_matrix.csv"] + (sameConfig ? ["config.yaml"] : []) {
        #expect(try read(a, file) == read(b, file), "\(file) differs", sourceLocation: sourceLocation)
    }
    let weightsA = try Data(contentsOf: a.appendingPathComponent("weights.safetensors"))
    let weightsB = try Data(contentsOf: b.appendingPathComponent("weights.safetensors"))
    #expect(weightsA == weightsB, "weights differ", sourceLocation: sourceLocation)
}

/// A `soundlab` child process whose standard error is read line by line while it runs, so a test can signal it
/// at a precise point of training.
final class RunningSoundLab {
    let process = Process()
    private let errPipe = Pipe()
    private(set) var stderrLines: [String] = []

    init(_ arguments: [String], directory: URL) throws {
        process.executableURL = try SoundLabCLI.binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errPipe
        try process.run()
    }

    /// Reads stderr until a line satisfies `match` (returns true) or the stream ends (returns false).
    func waitForLine(_ match: (String) -> Bool) -> Bool {
        var pending = Data()
        let handle = errPipe.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return false }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                stderrLines.append(line)
                if match(line) { return true }
            }
        }
    }

    /// Collects the rest of stderr and waits for the exit status.
    func wait() -> (status: Int32, reason: Process.TerminationReason) {
        _ = waitForLine { _ in false }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason)
    }

    /// Sends `signal` and collects the rest of stderr and the exit status.
    func signal(_ signal: Int32) -> (status: Int32, reason: Process.TerminationReason) {
        kill(process.processIdentifier, signal)
        _ = waitForLine { _ in false }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason)
    }
}

/// The uninterrupted run of `smallExperiment`, made once and shared by the tests that compare against it.
final class ReferenceRun: Sendable {
    static let shared = Result { try ReferenceRun() }

    let scratch: RunScratch
    let result: CLIResult
    var folder: URL { scratch.url("reference/small") }

    private init() throws {
        scratch = try RunScratch()
        try scratch.write("small.yaml", smallExperiment)
        result = try scratch.run(["run", "small.yaml", "--runs", "reference", "--cache", "cache-reference"])
    }

    /// The finished reference, or a test failure explaining why there is none.
    static func get() throws -> ReferenceRun {
        let reference = try shared.get()
        try #require(reference.result.status == 0, "reference run failed: \(reference.result.stderr)")
        return reference
    }
}
