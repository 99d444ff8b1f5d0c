import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cache entries written by a batch go into append-only pack files (`packs/*.pack`, entries back to
/// back in `CacheEntry` format) instead of one file each: creating a file costs an inode, and on
/// ext4 with many recently deleted inodes (builds, earlier runs) that took 0.2-0.6 ms per file,
/// as much as computing the entry. Every entry carries its key and checksum, so a pack cut short
/// by a crash or still being appended to by another process only loses its unfinished tail.
final class PackStore: @unchecked Sendable {
    struct Location { var fd: Int32; var offset: Int }
    private struct Key: Hashable { var a: UInt64, b: UInt64 }
    private let folder: URL
    private let lock = NSLock()
    private var index: [Key: [Location]] = [:]
    private var openFiles: [Int32] = []
    private var scanned = false

    init(folder: URL) { self.folder = folder }

    deinit { for fd in openFiles { close(fd) } }

    /// Where entries with this key may be, newest first (each still has to pass its checksum).
    func locations(of key: [UInt8]) -> [Location] {
        lock.lock(); defer { lock.unlock() }
        scanIfNeeded()
        return index[Self.key(key)]?.reversed() ?? []
    }

    /// A writer appending to a new pack of its own (created on its first entry).
    func writer() -> Writer { Writer(store: self) }

    /// Appends entries to one pack file; use from one thread.
    final class Writer {
        private let store: PackStore
        private var fd: Int32 = -1
        private var reader: Int32 = -1
        private var size = 0
        private var failed = false

        fileprivate init(store: PackStore) { self.store = store }

        deinit { if fd >= 0 { close(fd) } }

        /// Appends an entry (header, then payload); a cache that cannot be written only costs speed,
        /// so errors are swallowed.
        func append(header: [UInt8], payload: UnsafeRawBufferPointer, key: [UInt8]) {
            guard !failed else { return }
            if fd < 0 {
                (fd, reader) = store.create()
                if fd < 0 { failed = true; return }
            }
            let start = size
            let ok = header.withUnsafeBytes { write($0) } && write(payload)
            guard ok else { failed = true; return }
            store.remember(key: key, at: Location(fd: reader, offset: start))
        }

        private func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard PackStore.writeAll(fd, bytes, at: size) else { return false }
            size += bytes.count
            return true
        }
    }

    /// A new pack: a descriptor to append with, and one the store keeps open for reading (so a
    /// finished writer closing its own never invalidates a `Location`). (-1, -1) when it cannot be made.
    private func create() -> (Int32, Int32) {
        let name = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).pack"
        let path = folder.appendingPathComponent(name).path
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 && errno == ENOENT {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        }
        guard fd >= 0 else { return (-1, -1) }
        let reader = open(path, O_RDONLY)
        guard reader >= 0 else { close(fd); return (-1, -1) }
        lock.lock(); defer { lock.unlock() }
        openFiles.append(reader)
        return (fd, reader)
    }

    private func remember(key: [UInt8], at location: Location) {
        lock.lock(); defer { lock.unlock() }
        index[Self.key(key), default: []].append(location)
    }

    /// Reads the headers of every pack once; entries that run past the end of their file are skipped.
    private func scanIfNeeded() {
        guard !scanned else { return }
        scanned = true
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".pack") }.sorted()
        for name in names {
            let fd = open(folder.appendingPathComponent(name).path, O_RDONLY)
            guard fd >= 0 else { continue }
            var st = stat()
            guard fstat(fd, &st) == 0 else { close(fd); continue }
            openFiles.append(fd)
            _ = Self.forEachEntry(fd, size: Int(st.st_size)) { offset, prefix, _ in
                index[Self.key(prefix), default: []].append(Location(fd: fd, offset: offset))
                return true
            }
        }
    }

    /// Calls `body(offset, key prefix, header)` for each complete entry of the pack `fd` (of `size` bytes), in order,
    /// until it returns false or an entry is cut off or damaged; returns where the walk stopped.
    private static func forEachEntry(_ fd: Int32, size: Int,
                                     _ body: (Int, [UInt8], CacheEntry.Header) -> Bool) -> Int {
        var offset = 0
        var header = [UInt8](repeating: 0, count: CacheEntry.headerSize)
        while offset + CacheEntry.headerSize <= size {
            let got = header.withUnsafeMutableBytes {
                CacheEntry.readUpTo(fd, $0.baseAddress!, count: CacheEntry.headerSize, at: offset)
            }
            guard got == CacheEntry.headerSize, let h = CacheEntry.Header(header), offset + h.byteCount <= size,
                  body(offset, Array(header[32..<48]), h) else { break }
            offset += h.byteCount
        }
        return offset
    }

    /// What `compact` kept and dropped (entries and bytes; a pack's cut-off tail counts as dropped bytes).
    struct Compaction { var kept = 0, keptBytes = 0, dropped = 0, droppedBytes = 0 }

    /// Rewrites every pack into one holding the first verified entry of each key (an entry's first 16 key bytes)
    /// that `keep` accepts. The new pack is renamed into place before the old ones are deleted, so a crash leaves
    /// duplicates at worst, never a lost entry that was kept. With `dryRun` only counts. Not safe against another
    /// process appending at the same time (its new entries would be dropped: recomputed later, never wrong).
    /// nil when the new pack cannot be written (the old packs are then left as they were).
    func compact(keeping keep: ([UInt8]) -> Bool, dryRun: Bool) -> Compaction? {
        lock.lock(); defer { lock.unlock() }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var result = Compaction()
        var seen = Set<Key>()
        let temporary = folder.appendingPathComponent("\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).pack.tmp")
        var out: Int32 = -1
        var written = 0
        for name in names where name.hasSuffix(".pack.tmp") && !dryRun {
            unlink(folder.appendingPathComponent(name).path)  // left by a compaction that did not finish
        }
        let packs = names.filter { $0.hasSuffix(".pack") }
        for name in packs {
            let fd = open(folder.appendingPathComponent(name).path, O_RDONLY)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { continue }
            let size = Int(st.st_size)
            var failed = false
            let end = Self.forEachEntry(fd, size: size) { offset, prefix, h in
                let entry = seen.contains(Self.key(prefix)) || !keep(prefix) ? nil : CacheEntry.verifiedBytes(fd: fd, offset: offset)
                guard let entry else {
                    result.dropped += 1; result.droppedBytes += h.byteCount
                    return true
                }
                seen.insert(Self.key(prefix))
                result.kept += 1; result.keptBytes += entry.count
                if !dryRun {
                    if out < 0 { out = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
                    guard out >= 0, entry.withUnsafeBytes({ Self.writeAll(out, $0, at: written) }) else {
                        failed = true
                        return false
                    }
                    written += entry.count
                }
                return true
            }
            if failed {
                if out >= 0 { close(out); unlink(temporary.path) }
                return nil
            }
            result.droppedBytes += size - end
        }
        guard !dryRun else { return result }
        if out >= 0 {
            close(out)
            let final = folder.appendingPathComponent("\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).pack")
            guard rename(temporary.path, final.path) == 0 else { unlink(temporary.path); return nil }
        }
        for name in packs { unlink(folder.appendingPathComponent(name).path) }
        // The next lookup scans the new pack.
        for fd in openFiles { close(fd) }
        (openFiles, index, scanned) = ([], [:], false)
        return result
    }

    /// pwrite until all of `bytes` is at `offset`; false on an error.
    fileprivate static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    private static func key(_ bytes: [UInt8]) -> Key {
        bytes.withUnsafeBytes { Key(a: $0.loadUnaligned(as: UInt64.self), b: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }
}
