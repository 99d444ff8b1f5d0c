import Foundation
import Testing

/// soundlab pins OpenBLAS's kernel and threads itself: whatever `OPENBLAS_CORETYPE` and `OPENBLAS_NUM_THREADS`
/// say, a default run gives byte-identical metrics and weights, and run.json says how it computed. With
/// `--blas native` the same two environments give different weights, which is what the pin protects against.
@Test func pinnedRunsAreByteIdenticalWhateverTheOpenBLASEnvironmentSays() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    func run(core: String, threads: String, blas: String, into runs: String) throws -> URL {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = core
        environment["OPENBLAS_NUM_THREADS"] = threads
        let result = try SoundLabCLI.run(["run", "small.yaml", "--runs", runs, "--cache", "cache", "--blas", blas],
                                         directory: scratch.root, environment: environment)
        expectNoCrash(result)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return scratch.url("\(runs)/small")
    }
    // Two kernels every x86-64 CPU runs (AVX without FMA, and SSE3), neither of them the pinned one.
    let a = try run(core: "Sandybridge", threads: "2", blas: "pinned", into: "pinned-a")
    let b = try run(core: "Prescott", threads: "1", blas: "pinned", into: "pinned-b")
    try expectSameMetrics(a, b)
    let record = try scratch.text("pinned-a/small/run.json")
    #expect(record.contains(#""openblas_core" : "Haswell""#), "\(record)")
    #expect(record.contains(#""blas_mode" : "pinned""#), "\(record)")
    #expect(record.contains(#""machine_specific" : false"#), "\(record)")
    #expect(record.contains(#""blas_threads" : 1"#), "\(record)")

    let nativeA = try run(core: "Sandybridge", threads: "2", blas: "native", into: "native-a")
    let nativeB = try run(core: "Prescott", threads: "1", blas: "native", into: "native-b")
    let native = try scratch.text("native-a/small/run.json")
    #expect(native.contains(#""openblas_core" : "Sandybridge""#), "\(native)")
    #expect(native.contains(#""machine_specific" : true"#), "\(native)")
    let weightsA = try Data(contentsOf: nativeA.appendingPathComponent("weights.safetensors"))
    let weightsB = try Data(contentsOf: nativeB.appendingPathComponent("weights.safetensors"))
    #expect(weightsA != weightsB, "the native kernels should round differently; the test would prove nothing")
}

/// A run made in one BLAS mode is not "up to date" for the other: `--if-stale --blas native` retrains a pinned run.
@Test func aRunMadeWithThePinnedKernelIsStaleForNative() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    let first = try scratch.run(["run", "small.yaml", "--runs", "r", "--cache", "c", "--set", "train.epochs=3"])
    #expect(first.status == 0, "stderr: \(first.stderr)")
    let same = try scratch.run(["run", "small.yaml", "--runs", "r", "--cache", "c", "--set", "train.epochs=3", "--if-stale"])
    #expect(same.stdout.hasPrefix("up to date"), "\(same.stdout) \(same.stderr)")
    let other = try scratch.run(["run", "small.yaml", "--runs", "r", "--cache", "c", "--set", "train.epochs=3", "--if-stale",
                                   "--blas", "native"])
    #expect(other.status == 0, "stderr: \(other.stderr)")
    #expect(!other.stdout.hasPrefix("up to date"), "\(other.stdout)")
    #expect(try scratch.text("r/small/run.json").contains(#""blas_mode" : "native""#))
}

/// Rerunning an experiment never loses the run it replaces: it moves to runs/.previous/<name>/ and the command
/// says where; `--force` retrains a run `--if-stale` finds up to date, and up to date without weights says so.
@Test func aReplacedRunIsKeptAndForceRetrainsAnUpToDateRun() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    let args = ["run", "small.yaml", "--runs", "r", "--cache", "c", "--set", "train.epochs=3"]
    #expect(try scratch.run(args).status == 0)
    let firstJSON = try scratch.text("r/small/run.json")
    let forced = try scratch.run(args + ["--if-stale", "--force"])
    #expect(forced.status == 0 && !forced.stdout.hasPrefix("up to date"), "\(forced.stdout) \(forced.stderr)")
    #expect((forced.stdout + forced.stderr).contains("replaced the earlier run small; it is kept in "), "\(forced.stdout) \(forced.stderr)")
    let shelf = scratch.url("r/.previous/small")
    let kept = try FileManager.default.contentsOfDirectory(atPath: shelf.path)
    #expect(kept.count == 1)
    #expect(try String(contentsOf: shelf.appendingPathComponent(kept[0]).appendingPathComponent("run.json"), encoding: .utf8) == firstJSON)
    for _ in 0..<3 { #expect(try scratch.run(args).status == 0) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: shelf.path).count == 3, "only the newest three are kept")
    try FileManager.default.removeItem(at: scratch.url("r/small/weights.safetensors"))
    let stale = try scratch.run(args + ["--if-stale"])
    #expect(stale.stdout.hasPrefix("up to date") && stale.stdout.contains("(no weights: --force retrains it)"), "\(stale.stdout)")
}
