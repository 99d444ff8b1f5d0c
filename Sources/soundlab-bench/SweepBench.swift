import Foundation

/// The local executor against running the same runs one after another: `soundlab sweep` of one experiment's seed
/// list (experiments/gmp_1d_cnn.yaml, four seeds, on the real data) with `--executor local:1`, then `local:2`, into
/// fresh run folders, the feature cache warmed first by an untimed run. Prints both wall times and their ratio.
enum SweepBench {
    static let experiment = "experiments/gmp_1d_cnn.yaml"

    static func run() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("soundlab").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("sweep  skipped: no soundlab binary beside soundlab-bench (\(binary)); `make bench` builds it")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-sweep-bench-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Untimed: features into the cache, so both timed sweeps read the same warm cache.
        _ = try soundlab(binary, ["run", experiment, "--only-seed", "42", "--runs", scratch.appendingPathComponent("warm").path])
        var times: [Int: Double] = [:]
        for jobs in [1, 2] {
            let start = Date()
            _ = try soundlab(binary, ["sweep", experiment, "--executor", "local:\(jobs)", "--runs", scratch.appendingPathComponent("local\(jobs)").path])
            times[jobs] = Date().timeIntervalSince(start)
        }
        print(String(format: "sweep  %@ × 4 seeds: one after another (local:1) %.1f s, local:2 %.1f s: speed-up %.2fx  [%d cores]",
                     experiment, times[1]!, times[2]!, times[1]! / times[2]!, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Runs the binary and fails the bench when it fails.
    private static func soundlab(_ binary: String, _ arguments: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "sweep bench", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "soundlab \(arguments.joined(separator: " ")) exited \(p.terminationStatus)"])
        }
        return p.terminationStatus
    }
}
