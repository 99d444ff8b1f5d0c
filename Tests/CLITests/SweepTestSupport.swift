import Foundation
import Testing

/// The tiny experiment the sweep tests run, `name: tiny`: `smallExperiment` with `epochs` epochs.
func tinyExperiment(epochs: Int = 3, name: String = "tiny") -> String {
    smallExperiment.replacingOccurrences(of: "name: small", with: "name: \(name)")
        .replacingOccurrences(of: "epochs: 12", with: "epochs: \(epochs)")
}

/// The run names of `lines` that start with `prefix` (`trained`, `up to date`, ...), in order.
func sweepLines(_ stdout: String, _ prefix: String) -> [String] {
    stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }.map {
        String($0.dropFirst(12).split(separator: " ").first ?? "")
    }
}

/// Folders under `runs` that are not hidden: each must be a finished run (run.json present).
func visibleRunFolders(_ runs: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
}

/// A `soundlab sweep` child whose standard output is read line by line while it runs.
final class RunningSweep: @unchecked Sendable {
    let process = Process()
    private let pipe = Pipe()
    private let lock = NSLock()
    private var text = ""

    init(_ arguments: [String], directory: URL) throws {
        process.executableURL = try SoundLabCLI.binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            guard let self, !d.isEmpty else { return }
            self.lock.lock(); self.text += String(decoding: d, as: UTF8.self); self.lock.unlock()
        }
        try process.run()
    }

    var stdout: String { lock.lock(); defer { lock.unlock() }; return text }

    /// Waits until standard output contains `needle` (true) or `seconds` pass or the process ends (false).
    func wait(for needle: String, seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if stdout.contains(needle) { return true }
            if !process.isRunning { return stdout.contains(needle) }
            usleep(20_000)
        }
        return false
    }

    func finish() -> Int32 {
        process.waitUntilExit()
        usleep(100_000)
        pipe.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }
}
