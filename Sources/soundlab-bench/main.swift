// `soundlab-bench <name>`: speed measurements printed with the peer's numbers from the same run.
// Each benchmark lives in its own file; this file only dispatches.
import Foundation
import TensorCore

// The benches compute in the mode `soundlab run` uses by default; SOUNDLAB_BLAS=native measures the CPU's own kernel.
do {
    try BLAS.load(BLASMode(rawValue: ProcessInfo.processInfo.environment["SOUNDLAB_BLAS"] ?? "pinned") ?? .pinned)
} catch {
    FileHandle.standardError.write(Data("soundlab-bench: \(error)\n".utf8))
    exit(2)
}

let benches: [String: () throws -> Void] = [
    "tensor": TensorBench.run,
    "train": TrainBench.run,
    "train-profile": TrainProfileBench.run,
    "blas": BLASBench.run,
    "blas-epochs": BLASBench.epochs,
    "features": featureBench,
    "feature-stages": featureStageBench,
    "feature-cold": featureColdBench,
    "feature-stft": featureSTFTBench,
    "feature-check": featureCheckBench,
    "feature-digest": featureDigestBench,
    "birdnet": BirdNETBench.run,
    "predict": PredictBench.runBench,
    "sweep": SweepBench.run,
]
let args = CommandLine.arguments.dropFirst()
let names = args.isEmpty ? benches.keys.sorted() : Array(args)
for name in names {
    guard let bench = benches[name] else {
        FileHandle.standardError.write(Data("unknown bench '\(name)'; known: \(benches.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    try bench()
}
