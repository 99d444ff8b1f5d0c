import AtomicIO
import Foundation

/// Reading and writing the files of run folders, with RunStore's errors (the writes go through `AtomicFile`).
enum RunFile {
    static func write(_ data: Data, to url: URL) throws {
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw RunStoreError.io(path: url.path, reason: "cannot write (\(error.reason))")
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
