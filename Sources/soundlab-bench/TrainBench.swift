import Experiment
import Foundation
import NN
import TensorCore

/// A model from an experiment file and `clips` random clips: what the training benches time. An epoch's time does
/// not depend on the feature values.
enum TrainBenchSetup {
    static func make(_ path: String, clips n: Int) throws -> (BuiltModel, InMemoryExamples, ExperimentConfig) {
        let config = try ExperimentConfig.load(path: path, dataDirectory: nil)
        let built = try GraphBuilder.build(config.model, classCount: 10, seed: 1)
        var rng = RNG(seed: 3)
        let size = config.model.inputShape.reduce(1, *)
        let inputs = (0..<(n * size)).map { _ in rng.normal() }
        let labels = (0..<n).map { _ in rng.below(10) }
        let source = InMemoryExamples(inputs: inputs, labels: labels, validFrames: Array(repeating: 500, count: n),
                                      exampleShape: config.model.inputShape)
        return (built, source, config)
    }
}

/// The baseline 1D-CNN (experiments/baseline_1d_cnn.yaml) on 557 random clips.
enum BaselineBenchSetup {
    static func make() throws -> (BuiltModel, InMemoryExamples, ExperimentConfig) {
        try TrainBenchSetup.make("experiments/baseline_1d_cnn.yaml", clips: 557)
    }
}

/// One training epoch (batch 32, Adam, random features) of each model below, ours and Keras's measured in the same
/// run (bench/keras_epoch.py in .venv-bench, when it exists): the baseline 1D-CNN on 557 clips, and AlexNet-Mel, the
/// 2D CNN on the log-mel image, on all 697 training clips.
enum TrainBench {
    static let models = [(name: "baseline", label: "baseline", path: "experiments/baseline_1d_cnn.yaml", clips: 557, fits: 6),
                         (name: "alexnet_mel", label: "AlexNet-Mel", path: "experiments/alexnet_mel.yaml", clips: 697, fits: 4)]

    static func run() throws {
        for model in models { try run(model) }
    }

    /// Times `fits` fits of 1, 2, ... epochs (ours), then the peer's epochs, and prints both and their ratio.
    private static func run(_ model: (name: String, label: String, path: String, clips: Int, fits: Int)) throws {
        let (built, source, config) = try TrainBenchSetup.make(model.path, clips: model.clips)
        var train = config.train
        train.batchSize = 32
        var times: [Double] = [], cpuTimes: [Double] = []
        for epochs in 1...model.fits {
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
        print(String(format: "train  soundlab %@ epoch (%d clips, batch 32, Adam): median %.3f s, best %.3f s, CPU (all threads) median %.3f s  [OpenBLAS %@, %d threads, pool width %d]",
                     model.label, model.clips, median, best, steadyCPU[steadyCPU.count / 2], BLAS.shared.coreName,
                     BLAS.shared.threads, WorkerPool.width))
        let python = ".venv-bench/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            print("train  keras peer: skipped (no .venv-bench; run bench/setup_venv.sh)")
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["bench/keras_epoch.py", "\(model.fits + 2)", model.name, "\(model.clips)"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let peer = json["epoch_seconds_median"] as? Double, let peerBest = json["epoch_seconds_best"] as? Double else {
            print("train  keras peer: failed (exit \(p.terminationStatus))")
            return
        }
        print(String(format: "train  %@ %@ epoch: median %.3f s, best %.3f s  ->  soundlab is %.2fx faster (median), takes %.2f of its time",
                     json["framework"] as? String ?? "keras", model.label, peer, peerBest, peer / median, median / peer))
    }
}

/// `soundlab-bench train-profile`: where one epoch of the baseline goes (with SOUNDLAB_BENCH_MODEL=<experiment
/// file>, of that model on 697 clips), by op (forward and backward) and by trainer phase, averaged over 3 profiled
/// epochs after one warm-up epoch. Profiling adds a clock read per op.
enum TrainProfileBench {
    static func run() throws {
        let path = ProcessInfo.processInfo.environment["SOUNDLAB_BENCH_MODEL"]
        let (built, source, config) = try path.map { try TrainBenchSetup.make($0, clips: 697) } ?? BaselineBenchSetup.make()
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
