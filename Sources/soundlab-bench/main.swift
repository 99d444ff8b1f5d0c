// `soundlab-bench <name>`: speed measurements printed with the peer's numbers from the same run.
// Each benchmark lives in its own file; this file only dispatches.
import Foundation
import TensorCore

// OpenBLAS's idle threads spin for ~0.1 s after start; soundlab stops them first thing, so the benches do too.
BLASInfo.releaseIdleThreads()

let benches: [String: () throws -> Void] = [
    "tensor": TensorBench.run,
    "train": TrainBench.run,
    "train-profile": TrainProfileBench.run,
    "features": featureBench,
    "feature-stages": featureStageBench,
    "feature-cold": featureColdBench,
    "feature-stft": featureSTFTBench,
    "feature-check": featureCheckBench,
    "feature-digest": featureDigestBench,
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
