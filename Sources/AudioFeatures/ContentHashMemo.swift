import Crypto
import Foundation

/// Remembers path → content digest (XXH3-128) of the file's bytes, valid only while the file's `FileIdentity` is
/// unchanged, so warm runs never re-read audio. Persisted as a text file in the cache folder,
/// sealed with a checksum line: a damaged memo is ignored (everything gets re-hashed), never trusted.
final class ContentHashMemo: @unchecked Sendable {
    private struct Entry { var identity: FileIdentity; var digest: [UInt8] }
    private let file: URL
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var loaded = false
    private var dirty = false
    private static let header = "soundlab content-hash memo v2"

    init(file: URL) { self.file = file }

    /// The remembered digest of `path` if its identity still matches.
    func digest(path: String, identity: FileIdentity) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        loadIfNeeded()
        guard let e = entries[path], e.identity == identity else { return nil }
        return e.digest
    }

    func remember(path: String, identity: FileIdentity, digest: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        loadIfNeeded()
        entries[path] = Entry(identity: identity, digest: digest)
        dirty = true
    }

    /// Writes the memo (temp file + rename) if anything was added since the last save.
    func save() {
        lock.lock(); defer { lock.unlock() }
        guard dirty else { return }
        var text = Self.header + "\n"
        for (path, e) in entries.sorted(by: { $0.key < $1.key }) {
            let i = e.identity
            text += "\(i.device)\t\(i.inode)\t\(i.size)\t\(i.mtimeNanos)\t\(i.ctimeNanos)\t\(Self.hex(e.digest))\t\(path)\n"
        }
        text += "sum\t\(Self.seal(text))\n"
        if (try? AtomicFile.write(Data(text.utf8), to: file)) != nil { dirty = false }
    }

    private func loadIfNeeded() {
        guard !loaded else { return }
        loaded = true
        guard let data = try? Data(contentsOf: file), let text = String(data: data, encoding: .utf8) else { return }
        guard let sumLine = text.range(of: "sum\t", options: .backwards) else { return }
        let body = String(text[..<sumLine.lowerBound])
        let sealed = text[sumLine.upperBound...].trimmingCharacters(in: .newlines)
        guard body.hasPrefix(Self.header + "\n"), sealed == Self.seal(body) else { return }
        for line in body.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", maxSplits: 6, omittingEmptySubsequences: false)
            guard f.count == 7, let dev = UInt64(f[0]), let ino = UInt64(f[1]), let size = Int64(f[2]),
                  let mt = Int64(f[3]), let ct = Int64(f[4]), let digest = Self.unhex(f[5]), digest.count == 16 else { continue }
            entries[String(f[6])] = Entry(identity: FileIdentity(device: dev, inode: ino, size: size, mtimeNanos: mt, ctimeNanos: ct),
                                          digest: digest)
        }
    }

    private static func seal(_ text: String) -> String { hex(Array(SHA256.hash(data: Data(text.utf8)))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func unhex(_ s: Substring) -> [UInt8]? {
        let u = Array(s.utf8)
        guard u.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c { case 48...57: c - 48; case 97...102: c - 87; default: nil }
        }
        var out = [UInt8](); out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count { guard let h = v(u[i]), let l = v(u[i + 1]) else { return nil }; out.append(h << 4 | l); i += 2 }
        return out
    }
}
