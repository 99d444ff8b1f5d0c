import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One cached dB spectrogram on disk, little-endian:
///
///     0  magic "SLMEL001"      8  frames u32   12 mels u32   16 mean f32   20 scale f32
///     24 checksum u64          32 key (first 16 bytes of the entry's SHA-256 key)
///     48 frames·mels f32 dB values, time first, unpadded
///
/// The checksum covers bytes 8..<24, 32..<48 and the payload, so a truncated, bit-flipped or
/// misplaced file is detected and recomputed. `mean`/`scale` are the clip's z statistics, stored
/// so a warm read normalises in the same pass that verifies the checksum.
enum CacheEntry {
    static let magic: UInt64 = 0x3130_304C_454D_4C53  // "SLMEL001" little-endian
    static let headerSize = 48

    /// The whole entry (header and payload) for a file of its own.
    static func encode(_ mel: MelSpectrogram, key: [UInt8]) -> Data {
        let (mean, scale) = Features.zStatistics(mel.values)
        var data = Data(header(mel, key: key, mean: mean, scale: scale))
        mel.values.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// The 48-byte header of `mel`'s entry, checksum included; the payload is `mel.values`' bytes.
    static func header(_ mel: MelSpectrogram, key: [UInt8], mean: Float, scale: Float) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: headerSize)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: magic.littleEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: UInt32(mel.frames).littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: UInt32(mel.mels).littleEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: mean.bitPattern.littleEndian, toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: scale.bitPattern.littleEndian, toByteOffset: 20, as: UInt32.self)
            for i in 0..<16 { raw[32 + i] = key[i] }
            let sum = mel.values.withUnsafeBytes { checksum(header: UnsafeRawBufferPointer(raw), payload: $0) }
            raw.storeBytes(of: sum.littleEndian, toByteOffset: 24, as: UInt64.self)
        }
        return bytes
    }

    /// Reads the entry at `path`; `transform` receives each verified dB value's index and the
    /// stored (mean, scale). Returns nil for a missing, truncated, corrupt or foreign entry.
    static func load(path: String, key: [UInt8], expectedMels: Int,
                     normalise: Bool) -> (values: [Float], frames: Int, mean: Float, scale: Float)? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return load(fd: fd, offset: 0, wholeFile: true, key: key, expectedMels: expectedMels, normalise: normalise)
    }

    /// Reads the entry starting at `offset` of `fd` (positioned reads, so threads may share `fd`).
    /// With `wholeFile` the entry must end exactly at the end of the file; inside a pack it may be followed by others.
    static func load(fd: Int32, offset: Int, wholeFile: Bool, key: [UInt8], expectedMels: Int,
                     normalise: Bool) -> (values: [Float], frames: Int, mean: Float, scale: Float)? {
        var header = [UInt8](repeating: 0, count: headerSize)
        guard header.withUnsafeMutableBytes({ readUpTo(fd, $0.baseAddress!, count: headerSize, at: offset) }) == headerSize,
              let info = Header(header), info.mels == expectedMels, Array(header[32..<48]) == Array(key[0..<16]) else {
            return nil
        }
        let (frames, mean, scale) = (info.frames, info.mean, info.scale)
        let count = frames * info.mels
        var ok = false
        let values = [Float](unsafeUninitializedCapacity: count + 1) { buf, initialized in
            // One extra slot: a file longer than announced reads into it and is rejected.
            let raw = UnsafeMutableRawBufferPointer(buf)
            let want = (wholeFile ? count + 1 : count) * 4
            let got = readUpTo(fd, raw.baseAddress!, count: want, at: offset + headerSize)
            guard got == count * 4 else { initialized = 0; return }
            ok = header.withUnsafeBytes {
                checksum(header: $0, payload: UnsafeRawBufferPointer(rebasing: raw[0..<count * 4]))
            } == info.checksum
            if ok && normalise {
                for i in 0..<count { buf[i] = (buf[i] - mean) / scale }
            }
            initialized = ok ? count : 0
        }
        return ok ? (values, frames, mean, scale) : nil
    }

    /// The entry starting at `offset` of `fd`, header and payload as stored, if its checksum holds (for copying
    /// entries between packs without decoding them).
    static func verifiedBytes(fd: Int32, offset: Int) -> [UInt8]? {
        var header = [UInt8](repeating: 0, count: headerSize)
        guard header.withUnsafeMutableBytes({ readUpTo(fd, $0.baseAddress!, count: headerSize, at: offset) }) == headerSize,
              let info = Header(header) else { return nil }
        let payload = info.byteCount - headerSize
        var bytes = header
        bytes.append(contentsOf: repeatElement(0, count: payload))
        let ok = bytes.withUnsafeMutableBytes { raw -> Bool in
            guard readUpTo(fd, raw.baseAddress! + headerSize, count: payload, at: offset + headerSize) == payload else { return false }
            return checksum(header: UnsafeRawBufferPointer(raw), payload: UnsafeRawBufferPointer(rebasing: raw[headerSize...])) == info.checksum
        }
        return ok ? bytes : nil
    }

    /// The checksum an entry stores: header bytes 8..<24 and 32..<48 (sizes, statistics, key), then the payload.
    private static func checksum(header: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer) -> UInt64 {
        var sum = Checksum()
        sum.add(UnsafeRawBufferPointer(rebasing: header[8..<24]))
        sum.add(UnsafeRawBufferPointer(rebasing: header[32..<48]))
        sum.add(payload)
        return sum.value
    }

    /// The fixed-size header's fields, or nil when the magic or the sizes are implausible.
    struct Header {
        var frames: Int, mels: Int, mean: Float, scale: Float, checksum: UInt64
        /// Bytes the whole entry (header and payload) occupies.
        var byteCount: Int { headerSize + frames * mels * 4 }

        init?(_ bytes: [UInt8]) {
            guard bytes.count >= headerSize else { return nil }
            let magicOK = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) } == magic
            (frames, mels, mean, scale, checksum) = bytes.withUnsafeBytes { h in
                (Int(UInt32(littleEndian: h.loadUnaligned(fromByteOffset: 8, as: UInt32.self))),
                 Int(UInt32(littleEndian: h.loadUnaligned(fromByteOffset: 12, as: UInt32.self))),
                 Float(bitPattern: UInt32(littleEndian: h.loadUnaligned(fromByteOffset: 16, as: UInt32.self))),
                 Float(bitPattern: UInt32(littleEndian: h.loadUnaligned(fromByteOffset: 20, as: UInt32.self))),
                 UInt64(littleEndian: h.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
            }
            guard magicOK, frames > 0, frames < 10_000_000, mels > 0, mels < 100_000 else { return nil }
        }
    }

    static func readUpTo(_ fd: Int32, _ ptr: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, ptr + done, count - done, off_t(offset + done))
            if n <= 0 { break }
            done += n
        }
        return done
    }
}

/// A fast 64-bit checksum (four independent multiply-xor lanes so it runs near memory speed);
/// it guards against truncation and bit rot, not against an adversary.
struct Checksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)
    private var length: UInt64 = 0
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        let words = bytes.count / 8
        var i = 0
        let base = bytes.baseAddress!
        while i + 4 <= words {
            lanes.0 = (lanes.0 ^ base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* Self.prime
            lanes.1 = (lanes.1 ^ base.loadUnaligned(fromByteOffset: i * 8 + 8, as: UInt64.self)) &* Self.prime
            lanes.2 = (lanes.2 ^ base.loadUnaligned(fromByteOffset: i * 8 + 16, as: UInt64.self)) &* Self.prime
            lanes.3 = (lanes.3 ^ base.loadUnaligned(fromByteOffset: i * 8 + 24, as: UInt64.self)) &* Self.prime
            i += 4
        }
        var j = i * 8
        while j < bytes.count {
            lanes.0 = (lanes.0 ^ UInt64(bytes[j])) &* Self.prime
            j += 1
        }
    }

    var value: UInt64 {
        var h = lanes.0 ^ (lanes.1 << 17 | lanes.1 >> 47) ^ (lanes.2 << 31 | lanes.2 >> 33) ^ (lanes.3 << 47 | lanes.3 >> 17)
        h ^= length
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 33)
    }
}
