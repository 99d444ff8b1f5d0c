import Foundation

/// What one run of the `soundlab` binary produced.
struct CLIResult {
    /// Everything written to standard output.
    var stdout: String
    /// Everything written to standard error.
    var stderr: String
    /// The exit status (or the signal number if the process was killed).
    var status: Int32

    /// Non-empty lines of standard error, for asserting "exactly one error line".
    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: true) }
}

/// Why the harness could not run the binary at all (as opposed to the binary failing).
struct CLIHarnessError: Error, CustomStringConvertible {
    var description: String
}

/// Test harness for the `soundlab` executable: finds the binary built alongside the test bundle and
/// runs it with `Process`, capturing stdout, stderr and the exit status.
///
/// Usage in any CLITests file:
///
///     let result = try SoundLabCLI.run(["audit", "--json"])
///     #expect(result.status == 0)
///
/// The binary is looked up, in order: `$SOUNDLAB_BIN`; next to the running test executable
/// (`swift test` builds `soundlab` into the same folder, so `-c release` tests the release binary);
/// then `<package root>/.build/{release,debug}/soundlab`. Runs start in the package root so relative
/// paths such as the default `Animals_Sounds` resolve; pass `directory:` to run elsewhere.
enum SoundLabCLI {
    /// The package root, found from this file's location (Tests/CLITests/SoundLabCLI.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Locates the `soundlab` executable or explains where it looked.
    static func binary() throws -> URL {
        let candidates = binaryCandidates()
        if let found = candidates.first(where: isExecutableFile) { return found }
        throw CLIHarnessError(description: "soundlab binary not found; looked at: "
            + candidates.map(\.path).joined(separator: ", ") + " (build it with `swift build`)")
    }

    /// Runs `soundlab arguments...` in `directory` (the package root by default) and waits for it.
    /// Output goes to temp files rather than pipes, so a large output cannot stall the child.
    static func run(_ arguments: [String], directory: URL? = nil,
                    environment: [String: String]? = nil) throws -> CLIResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("soundlab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()

        return CLIResult(stdout: try String(contentsOf: outURL, encoding: .utf8),
                         stderr: try String(contentsOf: errURL, encoding: .utf8),
                         status: process.terminationStatus)
    }

    /// Where the binary may be, most specific first.
    private static func binaryCandidates() -> [URL] {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["SOUNDLAB_BIN"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL)
        // macOS runs tests through a toolchain helper that loads <build>/X.xctest; find that bundle.
        folders += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        if let arg0 = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: arg0).deletingLastPathComponent())
        }
        for folder in folders {
            candidates.append(folder.appendingPathComponent("soundlab"))
            // Inside an .xctest bundle (macOS: <build>/X.xctest/Contents/MacOS) the binary sits beside the bundle.
            var up = folder
            for _ in 0..<3 {
                if up.lastPathComponent.hasSuffix(".xctest") {
                    candidates.append(up.deletingLastPathComponent().appendingPathComponent("soundlab"))
                    break
                }
                up = up.deletingLastPathComponent()
            }
        }
        for config in ["release", "debug"] {
            candidates.append(packageRoot.appendingPathComponent(".build/\(config)/soundlab"))
        }
        return candidates
    }

    private static func isExecutableFile(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}
