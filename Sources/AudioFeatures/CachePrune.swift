import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `FeatureCache.prune` kept and removed.
public struct CachePruneReport: Sendable, Equatable {
    /// Entries (and their bytes) still in the cache.
    public var keptEntries = 0, keptBytes = 0
    /// Entries (and bytes, cut-off pack tails included) removed: unwanted keys, duplicates, damaged entries.
    public var removedEntries = 0, removedBytes = 0
}

extension FeatureCache {
    /// Removes every entry except those of `urls` under each of their `settings` (the entries a run with those
    /// files and settings would read), and rewrites the packs into one. Duplicates and damaged entries go too.
    /// Files that cannot be read keep nothing. With `dryRun` only reports. Do not run it beside a run that is
    /// filling the same cache: entries that run appends meanwhile may be removed (and recomputed later).
    public func prune(keeping wanted: [(urls: [URL], settings: FeatureSettings)], dryRun: Bool = false)
        throws(CachePruneError) -> CachePruneReport {
        var keep = Set<[UInt8]>()
        for (urls, settings) in wanted {
            for url in urls {
                // An entry stores the first 16 bytes of its key.
                if let key = try? entryKey(for: url, settings: settings).0 { keep.insert(Array(key[0..<16])) }
            }
        }
        saveHashMemo()
        guard let packed = packs.compact(keeping: { keep.contains($0) }, dryRun: dryRun) else {
            throw CachePruneError(message: "cannot write a new pack in \(directory.path)/packs; nothing was removed")
        }
        var report = CachePruneReport(keptEntries: packed.kept, keptBytes: packed.keptBytes,
                                      removedEntries: packed.dropped, removedBytes: packed.droppedBytes)
        // Entries stored one per file (single lookups) are named by their whole key.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasSuffix(".mel") {
            let path = directory.appendingPathComponent(name).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if let key = ContentHashMemo.unhex(Array(name.dropLast(4).utf8)[...]), key.count == 32, keep.contains(Array(key[0..<16])) {
                report.keptEntries += 1; report.keptBytes += size
            } else {
                report.removedEntries += 1; report.removedBytes += size
                if !dryRun { unlink(path) }
            }
        }
        return report
    }
}

/// Why a prune could not finish; nothing was removed.
public struct CachePruneError: Error, CustomStringConvertible, Sendable {
    /// One line for the user.
    public var message: String
    public var description: String { message }
}
