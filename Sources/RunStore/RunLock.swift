import Foundation

/// An exclusive lock on one run name under a runs directory (`runs/.locks/<name>.lock`, flock(2)), held while a
/// process trains and writes that run. Two soundlab processes asked for the same run take turns instead of
/// racing on its folder; the kernel drops the lock when a process dies, so a killed run never leaves it stuck.
public final class RunLock {
    /// Folder of the lock files, hidden from run listings.
    static let folder = ".locks"

    private let descriptor: Int32
    /// The lock file.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock on `name`, waiting for another holder to finish; `waiting` is called once before a wait.
    /// Creates the runs directory when missing. Throws when the directory or the lock file cannot be created.
    public static func acquire(runsDirectory: URL, name: String, waiting: () -> Void = {}) throws -> RunLock {
        let lock = try open(runsDirectory: runsDirectory, name: name)
        if flock(lock.descriptor, LOCK_EX | LOCK_NB) == 0 { return lock }
        waiting()
        while flock(lock.descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw RunStoreError.io(path: lock.path, reason: "cannot lock (\(String(cString: strerror(errno))))")
            }
        }
        return lock
    }

    /// The lock on `name` when nobody holds it, nil otherwise.
    public static func tryAcquire(runsDirectory: URL, name: String) throws -> RunLock? {
        let lock = try open(runsDirectory: runsDirectory, name: name)
        return flock(lock.descriptor, LOCK_EX | LOCK_NB) == 0 ? lock : nil
    }

    private static func open(runsDirectory: URL, name: String) throws -> RunLock {
        try RunLayout.validate(name: name)
        let dir = runsDirectory.appendingPathComponent(folder, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw RunStoreError.io(path: dir.path, reason: "cannot create (\(FileSystemReason.describe(error)))")
        }
        let path = dir.appendingPathComponent("\(name).lock").path
        let fd = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunStoreError.io(path: path, reason: "cannot open (\(String(cString: strerror(errno))))")
        }
        return RunLock(descriptor: fd, path: path)
    }

    /// Removes the temporary folders (`.tmp-<name>-<id>`) of runs that died before their commit: those whose
    /// name nobody holds the lock of, and those of `held`, the name the caller holds the lock of (call it before
    /// starting that run's own writer). Returns the folders removed.
    @discardableResult
    public static func removeOrphans(in runsDirectory: URL, held: String? = nil) -> [URL] {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: runsDirectory.path) else { return [] }
        var removed: [URL] = []
        for entry in entries.sorted() where entry.hasPrefix(RunLayout.tempPrefix) {
            let rest = entry.dropFirst(RunLayout.tempPrefix.count)
            // RunWriter's folders end in "-" and 8 lowercase hex digits; anything else is not ours to remove.
            guard rest.count > 9, rest[rest.index(rest.endIndex, offsetBy: -9)] == "-",
                  rest.suffix(8).allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { continue }
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: runsDirectory.appendingPathComponent(entry).path, isDirectory: &isFolder),
                  isFolder.boolValue else { continue }
            let name = String(rest.dropLast(9))
            let free = name == held ? nil : try? tryAcquire(runsDirectory: runsDirectory, name: name)
            guard name == held || free != nil else { continue }
            let folder = runsDirectory.appendingPathComponent(entry, isDirectory: true)
            if (try? fm.removeItem(at: folder)) != nil { removed.append(folder) }
            withExtendedLifetime(free) {}
        }
        return removed
    }
}
