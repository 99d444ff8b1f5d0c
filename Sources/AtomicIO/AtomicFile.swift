import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written: its path and the system's reason.
public struct AtomicWriteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let errno: Int32
    /// The system's reason alone, e.g. "Permission denied".
    public var reason: String { String(cString: strerror(errno)) }
    public var description: String { "\(path): \(reason)" }
}

/// Writes whole files so readers see either the old file or the new one, never a half-written one. The one
/// writer every target uses: feature cache entries, run folders, weights.
public enum AtomicFile {
    /// Writes `data` to a unique temporary name in the same folder, then renames it over `url`.
    /// Plain write(2) without fsync: durability is not needed (a torn cache entry fails its
    /// checksum), and fsync on a busy disk made cold runs 4x slower in wall time.
    /// With `createFolder` a missing parent folder is created (cache); without, it is an error (user output).
    public static func write(_ data: Data, to url: URL, createFolder: Bool = true) throws(AtomicWriteError) {
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        var fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 && errno == ENOENT && createFolder {
            // First write into a missing folder: create it once rather than on every write.
            do {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            } catch {
                throw AtomicWriteError(path: dir.path, errno: posixCode(error))
            }
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        }
        guard fd >= 0 else { throw AtomicWriteError(path: url.path, errno: errno) }
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
            throw AtomicWriteError(path: url.path, errno: e)
        }
    }

    /// The POSIX error code inside a Foundation error (EIO when it carries none).
    static func posixCode(_ error: Error) -> Int32 { posixCodeIfAny(error) ?? EIO }

    /// The POSIX error code inside a Foundation error, following its underlying errors.
    public static func posixCodeIfAny(_ error: Error) -> Int32? {
        var current: NSError? = error as NSError
        while let e = current {
            if e.domain == NSPOSIXErrorDomain { return Int32(e.code) }
            current = (e.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        }
        return nil
    }

    /// `text` as UTF-8.
    public static func write(_ text: String, to url: URL, createFolder: Bool = true) throws(AtomicWriteError) {
        try write(Data(text.utf8), to: url, createFolder: createFolder)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
