import Experiment
import Foundation
import NN
import TensorCore

/// The baseline 1D-CNN (from experiments/baseline_1d_cnn.yaml) and 557 random clips: what both training benches
/// time. An epoch's time does not depend on the feature values.
enum BaselineBenchSetup {
    static func make() throws -> (BuiltModel, InMemoryExamples, ExperimentConfig) {
        let config = try ExperimentConfig.load(path: "experiments/baseline_1d_cnn.yaml", dataDirectory: nil)
        let built = try GraphBuilder.build(config.model, classCount: 10, seed: 1)
        var rng = RNG(seed: 3)
        let n = 557, size = 500 * 128
        let inputs = (0..<(n * size)).map { _ in rng.normal() }
        let labels = (0..<n).map { _ in rng.below(10) }
        let source = InMemoryExamples(inputs: inputs, labels: labels, validFrames: Array(repeating: 500, count: n),
                                      exampleShape: [500, 128])
        return (built, source, config)
    }
}

/// One training epoch of the baseline 1D-CNN (557 clips, batch 32, Adam) on random features, ours and Keras's
/// measured in the same run (bench/keras_epoch.py in .venv-bench, when it exists).
enum TrainBench {
    static func run() throws {
        let (built, source, config) = try BaselineBenchSetup.make()
        var train = config.train
        var times: [Double] = [], cpuTimes: [Double] = []
        for epochs in 1...6 {
            train.epochs = epochs
            let trainer = Trainer(model: built.module, config: train, classCount: 10, seed: 1, classWeights: nil)
            let t = Date(), cpu = processCPUSeconds()
            _ = try trainer.fit(train: source, validation: nil, checkpointDirectory: nil)
            times.append(Date().timeIntervalSince(t) / Double(epochs))
            cpuTimes.append((processCPUSeconds() - cpu) / Double(epochs))
        }
        // Each fit above trains `epochs` epochs; keep per-epoch times of the longer fits (steady state).
        let steady = Array(times.dropFirst()).sorted(), steadyCPU = Array(cpuTimes.dropFirst()).sorted()
        let median = steady[steady.count / 2], best = steady[0]
        print(String(format: "train  soundlab baseline epoch (557 clips, batch 32, Adam): median %.3f s, best %.3f s, CPU (all threads) median %.3f s  [OpenBLAS %@, %d threads, pool width %d]",
                     median, best, steadyCPU[steadyCPU.count / 2], BLAS.shared.coreName, BLAS.shared.threads, WorkerPool.width))
        let python = ".venv-bench/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            print("train  keras peer: skipped (no .venv-bench; run bench/setup_venv.sh)")
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["bench/keras_epoch.py", "8"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        guard p.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let peer = json["epoch_seconds_median"] as? Double, let peerBest = json["epoch_seconds_best"] as? Double else {
            print("train  keras peer: failed (exit \(p.terminationStatus))")
            return
        }
        print(String(format: "train  %@ epoch: median %.3f s, best %.3f s  ->  soundlab is %.2fx faster (median)",
                     json["framework"] as? String ?? "keras", peer, peerBest, peer / median))
    }
}

/// `soundlab-bench train-profile`: where one epoch of the baseline goes, by op (forward and backward) and by trainer
/// phase, averaged over 3 profiled epochs after one warm-up epoch. Profiling adds a clock read per op.
enum TrainProfileBench {
    static func run() throws {
        let (built, source, config) = try BaselineBenchSetup.make()
        var train = config.train
        train.epochs = 1
        _ = try Trainer(model: built.module, config: train, classCount: 10, seed: 1, classWeights: nil)
            .fit(train: source, validation: nil, checkpointDirectory: nil)
        let epochs = 3
        train.epochs = epochs
        let trainer = Trainer(model: built.module, config: train, classCount: 10, seed: 1, classWeights: nil)
        trainer.phaseDone = { OpProfiler.mark($0) }
        let t = Date()
        OpProfiler.start()
        _ = try trainer.fit(train: source, validation: nil, checkpointDirectory: nil)
        let rows = OpProfiler.stop()
        let wall = Date().timeIntervalSince(t) / Double(epochs)
        let total = rows.reduce(0) { $0 + $1.seconds } / Double(epochs)
        print(String(format: "train-profile  epoch wall %.3f s, attributed %.3f s (per epoch, mean of %d)", wall, total, epochs))
        for r in rows {
            print(String(format: "  %7.1f ms  %5.1f%%  %5d calls/epoch  %@", r.seconds / Double(epochs) * 1000,
                         100 * r.seconds / Double(epochs) / wall, r.calls / epochs, r.label))
        }
    }
}
