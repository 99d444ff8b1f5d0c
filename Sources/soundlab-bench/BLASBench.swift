// `soundlab-bench blas`: what pinning OpenBLAS's kernel costs. One training epoch of the baseline 1D-CNN and of a
// small 2D-CNN (bench/conv2d_bench.yaml), each on 557 random clips, with the pinned kernel and with the CPU's own.
// OpenBLAS chooses its kernel once per process, so each side runs in a child process (`blas-epochs`), and the two
// sides alternate over rounds so both see the same load on this shared machine.
import Experiment
import Foundation
import NN
import TensorCore

enum BLASBench {
    static let models = [("baseline 1D-CNN", "experiments/baseline_1d_cnn.yaml"), ("2D-CNN", "bench/conv2d_bench.yaml")]
    static let rounds = 2

    static func run() throws {
        var seconds: [BLASMode: [[Double]]] = [:]
        var cores: [BLASMode: String] = [:]
        for _ in 0..<rounds {
            for mode in BLASMode.allCases {
                let (core, epochs) = try child(mode)
                cores[mode] = core
                seconds[mode, default: []].append(epochs)
            }
        }
        for (i, model) in models.enumerated() {
            func best(_ mode: BLASMode) -> Double { seconds[mode]!.map { $0[i] }.min()! }
            let pinned = best(.pinned), native = best(.native)
            print(String(format: "blas  %@ epoch (557 clips, batch 32): pinned %@ %.3f s, native %@ %.3f s  ->  pinned takes %.2fx the native time (best of %d rounds each)",
                         model.0, cores[.pinned]!, pinned, cores[.native]!, native, pinned / native, rounds))
        }
    }

    /// Runs `soundlab-bench blas-epochs` in `mode`; returns OpenBLAS's core and one epoch's seconds per model.
    private static func child(_ mode: BLASMode) throws -> (String, [Double]) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = ["blas-epochs"]
        p.environment = ProcessInfo.processInfo.environment.merging(["SOUNDLAB_BLAS": mode.rawValue]) { $1 }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
        guard p.terminationStatus == 0, words.count == models.count + 1 else {
            throw BenchFailure("blas-epochs (\(mode)) failed: exit \(p.terminationStatus), output \(words)")
        }
        return (words[0], words.dropFirst().compactMap(Double.init))
    }

    /// The child: prints OpenBLAS's core, then each model's fastest epoch after the first of a 3-epoch fit.
    static func epochs() throws {
        var line = [BLAS.shared.coreName]
        for (_, path) in models {
            let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
            let built = try GraphBuilder.build(config.model, classCount: 10, seed: 1)
            var rng = RNG(seed: 3)
            let n = 557, size = 500 * 128
            let source = InMemoryExamples(inputs: (0..<(n * size)).map { _ in rng.normal() },
                                          labels: (0..<n).map { _ in rng.below(10) },
                                          validFrames: Array(repeating: 500, count: n), exampleShape: config.model.inputShape)
            var train = config.train
            train.epochs = 3
            let outcome = try Trainer(model: built.module, config: train, classCount: 10, seed: 1, classWeights: nil)
                .fit(train: source, validation: nil, checkpointDirectory: nil)
            let steady = outcome.history.dropFirst().map(\.seconds)
            line.append(String(format: "%.4f", steady.min()!))
        }
        print(line.joined(separator: " "))
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
