/// A RIFF/WAVE file as a list of chunks, so mutations can change one field, size or order and write it back.
/// Sizes are written as declared when a mutation set one, else as the body's length.
struct RIFFFile {
    struct Chunk {
        var id: [UInt8]
        var body: [UInt8]
        /// The size written in the chunk header; nil writes `body.count`.
        var declaredSize: UInt32? = nil
        /// Whether an odd-sized body gets RIFF's pad byte.
        var padded = true

        init(_ id: String, _ body: [UInt8]) { self.id = Array(id.utf8); self.body = body }
        var name: String { String(decoding: id, as: UTF8.self) }
    }

    var magic = Array("RIFF".utf8)
    var form = Array("WAVE".utf8)
    /// The RIFF size field; nil writes the real one.
    var riffSize: UInt32? = nil
    var chunks: [Chunk] = []

    /// Reads a well-formed file (the dataset's clips); nil for anything else.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            return nil
        }
        var pos = 12
        while pos + 8 <= bytes.count {
            let size = Int(le32(bytes, pos + 4))
            let end = min(bytes.count, pos + 8 + size)
            chunks.append(Chunk(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), Array(bytes[(pos + 8)..<end])))
            pos += 8 + size + (size & 1)
        }
    }

    init() {}

    func index(of id: String) -> Int? { chunks.firstIndex { $0.name == id } }

    /// The file's bytes.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        for chunk in chunks {
            out += chunk.id.prefix(4) + [UInt8](repeating: 0x20, count: max(0, 4 - chunk.id.count))
            out += u32(chunk.declaredSize ?? UInt32(truncatingIfNeeded: chunk.body.count))
            out += chunk.body
            if chunk.padded && chunk.body.count % 2 == 1 { out.append(0) }
        }
        return magic + u32(riffSize ?? UInt32(truncatingIfNeeded: out.count + 4)) + form + out
    }

    // fmt fields, by offset in the fmt body.
    static let formatTag = 0, channels = 2, sampleRate = 4, byteRate = 8, blockAlign = 12, bitsPerSample = 14

    /// Sets a 16-bit fmt field (when the fmt chunk is long enough to hold it).
    mutating func setFmt16(_ offset: Int, _ value: Int) {
        guard let f = index(of: "fmt "), chunks[f].body.count >= offset + 2 else { return }
        chunks[f].body.replaceSubrange(offset..<offset + 2, with: u16(UInt16(truncatingIfNeeded: value)))
    }

    /// Sets a 32-bit fmt field.
    mutating func setFmt32(_ offset: Int, _ value: Int) {
        guard let f = index(of: "fmt "), chunks[f].body.count >= offset + 4 else { return }
        chunks[f].body.replaceSubrange(offset..<offset + 4, with: u32(UInt32(truncatingIfNeeded: value)))
    }

    func fmt16(_ offset: Int) -> Int {
        guard let f = index(of: "fmt "), chunks[f].body.count >= offset + 2 else { return 0 }
        return Int(chunks[f].body[offset]) | Int(chunks[f].body[offset + 1]) << 8
    }

    func fmt32(_ offset: Int) -> Int {
        guard let f = index(of: "fmt "), chunks[f].body.count >= offset + 4 else { return 0 }
        return Int(le32(chunks[f].body, offset))
    }
}

func le32(_ b: [UInt8], _ o: Int) -> UInt32 {
    UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
}

func u16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }

func u32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
