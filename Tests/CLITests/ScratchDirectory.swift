import Foundation
import Testing

/// A fresh temporary folder for one test, removed when the test is done with it.
final class ScratchDirectory {
    /// The folder itself (exists from `init` until `deinit`).
    let url: URL

    init(_ label: String = "scratch") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("soundlab-cli-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// `url/relative`.
    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `text` to `url/relative`, creating folders on the way; returns the file's URL.
    @discardableResult
    func write(_ text: String, to relative: String) throws -> URL {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Whether `url/relative` exists.
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative).path) }

    /// The UTF-8 text of `url/relative`.
    func read(_ relative: String) throws -> String { try String(contentsOf: path(relative), encoding: .utf8) }
}

/// Whatever a command did, it must not have died with a Swift runtime trap or a signal.
func expectNoCrash(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!result.stderr.contains("Fatal error"), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(!result.stderr.contains("Stack dump"), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(!result.stderr.contains("Current stack trace"), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect([0, 1, 2].contains(result.status), "status \(result.status), stderr: \(result.stderr)",
            sourceLocation: sourceLocation)
}
