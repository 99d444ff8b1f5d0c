import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files so readers see either the old file or the new one, never a half-written one.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String, errno: Int32
        var description: String { "\(path): \(String(cString: strerror(errno)))" }
    }

    /// Writes `data` to a unique temporary name in the same folder, then renames it over `url`.
    /// Plain write(2) without fsync: durability is not needed (a torn cache entry fails its
    /// checksum), and fsync on a busy disk made cold runs 4x slower in wall time.
    /// With `createFolder` a missing parent folder is created (cache); without, it is an error (user output).
    static func write(_ data: Data, to url: URL, createFolder: Bool = true) throws {
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        var fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 && errno == ENOENT && createFolder {
            // First write into a missing folder: create it once rather than on every write.
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        }
        guard fd >= 0 else { throw WriteError(path: url.path, errno: errno) }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        let failure = errno
        close(fd)
        guard ok, rename(temp, url.path) == 0 else {
            let e = ok ? errno : failure
            unlink(temp)
            throw WriteError(path: url.path, errno: e)
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
