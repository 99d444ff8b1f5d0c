import Foundation

/// Writes whole files so readers see either the old file or the new one, never a half-written one.
enum AtomicFile {
    /// Writes `data` to a unique temporary name in the same folder, then renames it over `url`.
    static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            do { try data.write(to: temp) } catch {
                // First write into a missing folder: create it once rather than on every write.
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try data.write(to: temp)
            }
            guard rename(temp.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }
}
