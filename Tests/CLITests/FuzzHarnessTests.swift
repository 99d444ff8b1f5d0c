import Foundation
import Testing

/// A few hundred cases of the `make fuzz` campaign on every `swift test`: a crash or hang anywhere, or a stray
/// library line from `features`, fails the test with the reproducers the harness printed. Every mutation kind runs,
/// the four that generate models (random layers, DAGs, blocks, layer options) included.
@Test func aFewHundredFuzzCasesNeitherCrashNorHang() throws {
    let scratch = try ScratchDirectory("fuzz")
    let fuzz = try SoundLabCLI.binary().deletingLastPathComponent().appendingPathComponent("soundlab-fuzz")
    let summary = scratch.path("summary.json")
    let process = Process()
    process.executableURL = fuzz
    // A seed of its own, so these cases are not the first ones of `make fuzz` (seed 1).
    process.arguments = ["--seed", "20261205", "--wav", "160", "--yaml", "160", "--jobs", "2",
                         "--out", scratch.path("cases").path, "--summary", summary.path]
    process.currentDirectoryURL = SoundLabCLI.packageRoot
    let output = scratch.path("stdout")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = process.standardOutput
    let started = Date()
    try process.run()
    process.waitUntilExit()
    let report = try scratch.read("stdout")
    #expect([0, 1].contains(process.terminationStatus), "\(report)")
    #expect(Date().timeIntervalSince(started) < 120, "the harness is meant to take well under a minute here")

    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any])
    let counts = try #require(json["counts"] as? [String: [String: [String: Int]]])
    func total(_ command: String, _ outcome: String) -> Int {
        counts[command, default: [:]].values.reduce(0) { $0 + ($1[outcome] ?? 0) }
    }
    let features = ["ok", "clean", "crash", "hang", "noisy"].reduce(0) { $0 + total("features", $1) }
    let validate = ["ok", "clean", "crash", "hang", "noisy"].reduce(0) { $0 + total("validate", $1) }
    #expect(features == 160 && validate == 160)
    // Every WAV and YAML kind ran, and both outcomes a good harness must see happened: files that load, files refused.
    #expect(counts["features"]?.count == 32 && counts["validate"]?.count == 31)
    #expect(total("features", "ok") > 0 && total("features", "clean") > 0)
    #expect(total("validate", "ok") > 0 && total("validate", "clean") > 0 && total("dry-run", "ok") > 0)
    for command in ["features", "validate", "dry-run"] {
        #expect(total(command, "crash") == 0 && total(command, "hang") == 0, "\(command): \(report)")
    }
    #expect(total("features", "noisy") == 0, "\(report)")
}
