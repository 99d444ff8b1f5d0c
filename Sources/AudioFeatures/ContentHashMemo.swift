import Crypto
import AtomicIO
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
        // Parsed as bytes: splitting 875 lines into Characters was a sixth of a warm run, on one thread.
        for line in Array(body.utf8).split(separator: UInt8(ascii: "\n")).dropFirst() {
            let f = line.split(separator: UInt8(ascii: "\t"), maxSplits: 6, omittingEmptySubsequences: false)
            guard f.count == 7, let dev = Self.number(f[0]), let ino = Self.number(f[1]), let size = Self.number(f[2]),
                  let mt = Self.number(f[3]), let ct = Self.number(f[4]), let digest = Self.unhex(f[5]),
                  digest.count == 16 else { continue }
            let identity = FileIdentity(device: UInt64(bitPattern: dev), inode: UInt64(bitPattern: ino), size: size,
                                        mtimeNanos: mt, ctimeNanos: ct)
            entries[String(decoding: f[6], as: UTF8.self)] = Entry(identity: identity, digest: digest)
        }
    }

    /// A decimal integer (optionally negative) written by `save`; device and inode numbers above Int64.max
    /// come back as their bit pattern.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var negative = false, value: UInt64 = 0, sawDigit = false
        for (i, c) in digits.enumerated() {
            if i == 0 && c == UInt8(ascii: "-") { negative = true; continue }
            guard c >= 48 && c <= 57 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(c - 48))
            guard !o1 && !o2 else { return nil }
            value = sum; sawDigit = true
        }
        guard sawDigit else { return nil }
        return negative ? (value <= UInt64(Int64.max) ? -Int64(value) : nil) : Int64(bitPattern: value)
    }

    private static func seal(_ text: String) -> String { hex(Array(SHA256.hash(data: Data(text.utf8)))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func unhex(_ u: ArraySlice<UInt8>) -> [UInt8]? {
        guard u.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c { case 48...57: c - 48; case 97...102: c - 87; default: nil }
        }
        var out = [UInt8](); out.reserveCapacity(u.count / 2)
        var i = u.startIndex
        while i < u.endIndex { guard let h = v(u[i]), let l = v(u[i + 1]) else { return nil }; out.append(h << 4 | l); i += 2 }
        return out
    }
}
