import Foundation

/// File writes that never leave a half-written file under the final name: write beside it,
/// then rename over it.
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw RunStoreError.io(path: url.path, reason: "cannot write (\(FileSystemReason.describe(error)))")
        }
    }

    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    static func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RunStoreError.malformed(path: url.path, reason: "missing or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RunStoreError.malformed(path: url.path, reason: "not UTF-8 text")
        }
        return text
    }
}
