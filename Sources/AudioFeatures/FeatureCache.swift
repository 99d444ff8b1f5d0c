import CXXHash
import Crypto
import AtomicIO
import Foundation

/// Features computed once per (audio bytes, spectrogram settings) and reused across runs and
/// processes. Entries hold the unpadded dB spectrogram; normalisation and padding are applied on
/// read, so changing only those settings reuses every entry. Single lookups store an entry as its
/// own file (`<key>.mel`), batches append theirs to pack files (`packs/`). Safe to share between threads.
public final class FeatureCache: @unchecked Sendable {
    /// Folder holding the entries (`<key>.mel`) and the content-hash memo.
    public let directory: URL
    private let directoryPath: String
    private let memo: ContentHashMemo
    let packs: PackStore
    private static let pipelineVersion = "soundlab-mel-v1"

    /// A cache in `directory`, by default `.cache/features` under the current directory (git-ignored).
    public init(directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                    .appendingPathComponent(".cache/features")) {
        self.directory = directory
        directoryPath = directory.path
        memo = ContentHashMemo(file: directory.appendingPathComponent("content-hashes.memo"))
        packs = PackStore(folder: directory.appendingPathComponent("packs"))
    }

    /// The normalised, unpadded features of `url`, from the cache or computed (and stored) with `extractor`.
    public func features(for url: URL, using extractor: FeatureExtractor) throws(AudioDecodeError) -> Features {
        try features(for: url, using: extractor, pack: nil, reader: nil, claim: nil)!
    }

    /// The same, storing into `pack` and reading with `reader` when given; nil when `claim` says another
    /// batch item is already computing this entry (it is called on a miss, with the entry key).
    private func features(for url: URL, using extractor: FeatureExtractor, pack: PackStore.Writer?, reader: FileReader?,
                          claim: (([UInt8]) -> Bool)?) throws(AudioDecodeError) -> Features? {
        let s = extractor.settings
        let normalise = s.normalization == .perSampleZ
        let (key, bytes) = try entryKey(for: url, settings: s, reader: reader)
        if let hit = cached(key, mels: s.nMels, normalise: normalise) {
            return Features(values: hit.values, frames: hit.frames, mels: s.nMels)
        }
        if let claim, !claim(key) { return nil }
        var (mel, mean, scale) = try compute(url: url, bytes: bytes, key: key, extractor: extractor, pack: pack, reader: reader)
        if normalise { Features.normalize(&mel.values, mean: mean, scale: scale) }
        return Features(values: mel.values, frames: mel.frames, mels: mel.mels)
    }

    /// The unpadded dB spectrogram of `url` (the stage before normalisation), cached like `features`.
    public func melDB(for url: URL, using extractor: FeatureExtractor) throws(AudioDecodeError) -> MelSpectrogram {
        let s = extractor.settings
        let (key, bytes) = try entryKey(for: url, settings: s)
        if let hit = cached(key, mels: s.nMels, normalise: false) {
            return MelSpectrogram(values: hit.values, frames: hit.frames, mels: s.nMels)
        }
        return try compute(url: url, bytes: bytes, key: key, extractor: extractor, pack: nil).mel
    }

    /// Features of many files with `threads` workers; results keep the order of `urls`. A convenience over
    /// `features(for:settings:threads:each:)` that holds every result.
    public func features(for urls: [URL], settings: FeatureSettings, threads: Int = 2)
        throws(FeatureSettingsError) -> [Result<Features, AudioDecodeError>] {
        var results = [Result<Features, AudioDecodeError>](
            repeating: .failure(AudioDecodeError(path: "", reason: "not processed")), count: urls.count)
        try results.withUnsafeMutableBufferPointer { buffer throws(FeatureSettingsError) in
            nonisolated(unsafe) let out = buffer
            try features(for: urls, settings: settings, threads: threads) { i, result in out[i] = result }
        }
        return results
    }

    /// Features of many files with `threads` workers (one `FeatureExtractor`, pack writer and read buffer
    /// each), each handed to `each(index in urls, result)` once, as soon as it is ready: from the worker threads,
    /// concurrently and in no fixed order, so a caller can copy it where it belongs and drop it instead of holding
    /// them all.
    /// Workers take the largest files first from a shared queue so neither is left with a long clip at the
    /// end; each clip's result does not depend on which worker computed it. Files with the same bytes are
    /// computed once. Saves the content-hash memo at the end.
    public func features(for urls: [URL], settings: FeatureSettings, threads: Int = 2,
                         each: (Int, Result<Features, AudioDecodeError>) -> Void) throws(FeatureSettingsError) {
        try settings.validate()
        let claims = Claims()
        nonisolated(unsafe) let each = each
        // Settings were validated above, so the extractor cannot fail.
        ItemWorkers.run(count: urls.count, workers: threads, order: Self.largestFirst(urls), makeState: {
            (try? FeatureExtractor(settings: settings)).map { ($0, packs.writer(), FileReader()) }
        }) { worker, i in
            let (extractor, pack, reader) = worker
            do throws(AudioDecodeError) {
                // Two workers often take byte-identical files together (same size, adjacent in the queue):
                // the second waits for the end of the batch, when the first one's entry is in the cache.
                if let f = try features(for: urls[i], using: extractor, pack: pack, reader: reader,
                                        claim: { claims.claim($0, for: i) }) {
                    each(i, .success(f))
                }
            } catch {
                each(i, .failure(error))
            }
        }
        let deferred = claims.deferred
        if !deferred.isEmpty, let extractor = try? FeatureExtractor(settings: settings) {
            for i in deferred {
                do throws(AudioDecodeError) { each(i, .success(try features(for: urls[i], using: extractor))) }
                catch { each(i, .failure(error)) }
            }
        }
        saveHashMemo()
    }

    /// Indices of `urls` by file size, largest first (ties and unreadable files keep list order).
    private static func largestFirst(_ urls: [URL]) -> [Int] {
        let sizes = urls.map { FileIdentity(path: $0.path)?.size ?? 0 }
        return urls.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// Persists the remembered content hashes (the batch API does this itself).
    public func saveHashMemo() { memo.save() }

    /// XXH3-128 of the file's bytes, hex; remembered by (path, size, mtime, inode), so an unchanged file is not
    /// read again (call `saveHashMemo()` to persist what was learned).
    public func contentHash(of url: URL) throws(AudioDecodeError) -> String {
        ContentHashMemo.hex(try contentDigest(of: url).digest)
    }

    /// The content digest, and the file's bytes when they had to be read for it (into `reader`'s buffer if given).
    private func contentDigest(of url: URL, reader: FileReader? = nil) throws(AudioDecodeError) -> (digest: [UInt8], bytes: Data?) {
        // Standardising a URL costs more than the rest of a warm lookup; a path without "." or ".." components
        // or doubled slashes is already standard.
        let raw = url.path
        let path = raw.contains("/.") || raw.contains("//") ? url.standardizedFileURL.path : raw
        guard let identity = FileIdentity(path: path) else {
            throw AudioDecodeError(path: url.path, reason: FileManager.default.fileExists(atPath: path) ? "cannot stat" : "no such file")
        }
        if let known = memo.digest(path: path, identity: identity) { return (known, nil) }
        let bytes: Data
        if let reader { bytes = try reader.read(url) } else { bytes = try AudioDecoder.read(url) }
        let content = Self.xxh3(bytes)
        // Remember only if the file did not change while we read it.
        if FileIdentity(path: path) == identity { memo.remember(path: path, identity: identity, digest: content) }
        return (content, bytes)
    }

    /// The content digest of `bytes`: XXH3-128, canonical (big-endian) byte order. Not SHA-256: the key
    /// guards against accidents, not adversaries, and SHA-256 of every clip was a tenth of a cold run.
    private static func xxh3(_ bytes: Data) -> [UInt8] {
        let hash = bytes.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) }
        var canonical = XXH128_canonical_t()
        XXH128_canonicalFromHash(&canonical, hash)
        return withUnsafeBytes(of: canonical.digest) { Array($0) }
    }

    /// The entry key: SHA-256 over the audio's content hash, the pipeline version and the
    /// spectrogram settings. Also returns the file's bytes when they had to be read to hash them.
    func entryKey(for url: URL, settings: FeatureSettings,
                  reader: FileReader? = nil) throws(AudioDecodeError) -> ([UInt8], Data?) {
        let (content, bytes) = try contentDigest(of: url, reader: reader)
        var hasher = SHA256()
        hasher.update(data: content)
        hasher.update(data: Data((Self.pipelineVersion + "|" + settings.spectrogramKey).utf8))
        return (Array(hasher.finalize()), bytes)
    }

    private func entryURL(_ key: [UInt8]) -> URL {
        URL(fileURLWithPath: entryPath(key))
    }

    /// `entryURL(key).path`, built as a string: every cache miss looks here first, and URL path appending
    /// cost more than the failed open.
    private func entryPath(_ key: [UInt8]) -> String {
        directoryPath + "/" + ContentHashMemo.hex(key) + ".mel"
    }

    /// A verified entry for `key`: from a pack, else from its own file.
    private func cached(_ key: [UInt8], mels: Int, normalise: Bool) -> (values: [Float], frames: Int)? {
        for at in packs.locations(of: key) {
            if let hit = CacheEntry.load(fd: at.fd, offset: at.offset, wholeFile: false, key: key,
                                         expectedMels: mels, normalise: normalise) {
                return (hit.values, hit.frames)
            }
        }
        return CacheEntry.load(path: entryPath(key), key: key, expectedMels: mels, normalise: normalise)
            .map { ($0.values, $0.frames) }
    }

    /// The clip's dB spectrogram and z statistics, stored in `pack` (or a file of its own without one). `bytes` are
    /// the file's when hashing had to read them; otherwise (hash remembered, entry missing) they are read here,
    /// into `reader`'s buffer when there is one.
    private func compute(url: URL, bytes: Data?, key: [UInt8], extractor: FeatureExtractor, pack: PackStore.Writer?,
                         reader: FileReader? = nil) throws(AudioDecodeError) -> (mel: MelSpectrogram, mean: Float, scale: Float) {
        let data: Data
        if let bytes {
            data = bytes
        } else if let reader {
            data = try reader.read(url)
        } else {
            data = try AudioDecoder.read(url)
        }
        let mel = try extractor.melDB(wavBytes: data, path: url.path)
        let (mean, scale) = Features.zStatistics(mel.values)
        // A cache that cannot be written (read-only disk) only costs speed, never the result.
        let header = CacheEntry.header(mel, key: key, mean: mean, scale: scale)
        if let pack {
            mel.values.withUnsafeBytes { pack.append(header: header, payload: $0, key: key) }
        } else {
            var entry = Data(header)
            mel.values.withUnsafeBytes { entry.append(contentsOf: $0) }
            try? AtomicFile.write(entry, to: entryURL(key))
        }
        return (mel, mean, scale)
    }
}

/// Which batch item first missed on each entry key, so items with the same bytes are computed once; the
/// others are deferred to the end of the batch.
private final class Claims: @unchecked Sendable {
    private let lock = NSLock()
    private var owners: Set<[UInt8]> = []
    private var later: [Int] = []

    /// True if `index` is the first to miss on `key` (it computes it); false defers `index`.
    func claim(_ key: [UInt8], for index: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        if owners.insert(key).inserted { return true }
        later.append(index)
        return false
    }

    /// The deferred items, in the order they were deferred.
    var deferred: [Int] {
        lock.lock(); defer { lock.unlock() }
        return later
    }
}
