/// The ways a WAV case is made from a real clip: one kind per header field, chunk-level fault, encoding or
/// payload damage. Case `i` has kind `allCases[i % count]`, so every kind gets its share of any run.
enum WAVMutation: String, CaseIterable {
    case original, truncate, truncateHeader = "truncate-header", riffSize = "riff-size", dataSize = "data-size"
    case fmtSize = "fmt-size", channels, sampleRate = "sample-rate", bitsPerSample = "bits-per-sample"
    case blockAlign = "block-align", byteRate = "byte-rate", formatTag = "format-tag", extensible
    case encoding, chunkOrder = "chunk-order", duplicateChunk = "duplicate-chunk", junkChunk = "junk-chunk"
    case junkChunkSize = "junk-chunk-size", missingChunk = "missing-chunk", factFrames = "fact-frames"
    case mp3Header = "mp3-header", mp3Data = "mp3-data", mp3Truncate = "mp3-truncate"
    case bitFlipHeader = "bitflip-header", bitFlipData = "bitflip-data", garbage, tiny, magic
    case floatSpecials = "float-specials", extremes, longClip = "long-clip", oddData = "odd-data"

    /// Whether the case starts from an MP3-in-WAV clip.
    var wantsMP3: Bool { [.factFrames, .mp3Header, .mp3Data, .mp3Truncate].contains(self) }

    /// The mutated bytes of `source` (a dataset clip) and a few words on what was done.
    func apply(to source: [UInt8], _ g: inout SeededGenerator) -> (bytes: [UInt8], note: String) {
        guard var file = RIFFFile(source), let d = file.index(of: "data"), file.index(of: "fmt ") != nil else {
            return (source, "source not parsed")
        }
        let data = file.chunks[d].body
        switch self {
        case .original:
            return (source, "unchanged")
        case .truncate:
            let n = g.int(0...max(0, source.count - 1))
            return (Array(source.prefix(n)), "cut to \(n) of \(source.count) bytes")
        case .truncateHeader:
            let n = g.int(0...min(60, source.count))
            return (Array(source.prefix(n)), "cut to \(n) bytes")
        case .riffSize:
            let v = g.pick([0, 4, source.count - 9, source.count, 0x7FFF_FFFF, 0xFFFF_FFFF, g.int(0...0xFFFF_FFFF)])
            file.riffSize = UInt32(truncatingIfNeeded: v)
            return (file.bytes(), "RIFF size \(v)")
        case .dataSize:
            let v = g.pick([0, 1, data.count - 1, data.count + 1, data.count * 2, 0x7FFF_FFFF, 0xFFFF_FFF0,
                            0xFFFF_FFFF, g.int(0...0xFFFF_FFFF)])
            file.chunks[d].declaredSize = UInt32(truncatingIfNeeded: max(0, v))
            return (file.bytes(), "data size \(v) (holds \(data.count))")
        case .fmtSize:
            let f = file.index(of: "fmt ")!
            let v = g.pick([0, 2, 14, 15, 17, 18, 40, 0xFFFF, 0xFFFF_FFFF])
            if g.chance(0.5) && v < 64 {
                file.chunks[f].body = Array((file.chunks[f].body + [UInt8](repeating: 0, count: 64)).prefix(v))
            } else {
                file.chunks[f].declaredSize = UInt32(truncatingIfNeeded: v)
            }
            return (file.bytes(), "fmt size \(v)")
        case .channels:
            let v = g.pick([0, 1, 2, 3, 6, 8, 63, 64, 65, 255, 1000, 65535])
            file.setFmt16(RIFFFile.channels, v)
            return (file.bytes(), "channels \(v)")
        case .sampleRate:
            let v = g.pick([0, 1, 4, 7, 999, 1000, 8000, 16000, 16393, 44100, 96000, 384_000, 384_001, 1_000_000,
                            0x7FFF_FFFF, 0xFFFF_FFFF])
            file.setFmt32(RIFFFile.sampleRate, v)
            return (file.bytes(), "sample rate \(v)")
        case .bitsPerSample:
            let v = g.pick([0, 1, 4, 7, 8, 12, 16, 20, 24, 32, 48, 64, 65535])
            file.setFmt16(RIFFFile.bitsPerSample, v)
            return (file.bytes(), "bits per sample \(v)")
        case .blockAlign:
            let v = g.pick([0, 1, 2, 3, 4, 7, 1000, 65535])
            file.setFmt16(RIFFFile.blockAlign, v)
            return (file.bytes(), "block align \(v)")
        case .byteRate:
            let v = g.pick([0, 1, 0xFFFF_FFFF, g.int(0...0xFFFF_FFFF)])
            file.setFmt32(RIFFFile.byteRate, v)
            return (file.bytes(), "byte rate \(v)")
        case .formatTag:
            let v = g.pick([0, 1, 2, 3, 6, 7, 0x11, 0x31, 0x50, 0x55, 0x161, 0xFFFE, 0xFFFF, g.int(0...0xFFFF)])
            file.setFmt16(RIFFFile.formatTag, v)
            return (file.bytes(), "format tag 0x\(String(v, radix: 16))")
        case .extensible:
            let f = file.index(of: "fmt ")!
            let sub = g.pick([1, 3, 6, 7, 0x55, 0x11, g.int(0...0xFFFF)])
            var body = Array(file.chunks[f].body.prefix(16))
            body.replaceSubrange(0..<2, with: u16(0xFFFE))
            let cb = g.pick([22, 0, 10, 0xFFFF])
            body += u16(UInt16(cb)) + u16(UInt16(file.fmt16(RIFFFile.bitsPerSample))) + u32(UInt32(g.int(0...3)))
            body += u16(UInt16(sub)) + [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
            if g.chance(0.3) { body = Array(body.prefix(g.int(16...39))) }
            file.chunks[f].body = body
            return (file.bytes(), "extensible, subformat 0x\(String(sub, radix: 16)), \(body.count)-byte fmt")
        case .encoding:
            let (tag, bits, name) = g.pick([(1, 8, "pcm8"), (1, 16, "pcm16"), (1, 24, "pcm24"), (1, 32, "pcm32"),
                                            (3, 32, "float32"), (3, 64, "float64"), (6, 8, "alaw"), (7, 8, "ulaw"),
                                            (0x55, 0, "mp3"), (2, 4, "msadpcm"), (0x11, 4, "imaadpcm")])
            let ch = max(1, file.fmt16(RIFFFile.channels))
            file.setFmt16(RIFFFile.formatTag, tag)
            file.setFmt16(RIFFFile.bitsPerSample, bits)
            file.setFmt16(RIFFFile.blockAlign, max(1, ch * bits / 8))
            return (file.bytes(), "data reread as \(name)")
        case .chunkOrder:
            let f = file.index(of: "fmt ")!
            let fmt = file.chunks.remove(at: f)
            if g.chance(0.5) { file.chunks.append(fmt) } else { file.chunks.insert(fmt, at: file.index(of: "data")! + 1) }
            return (file.bytes(), "fmt after data")
        case .duplicateChunk:
            if g.chance(0.5) {
                var second = file.chunks[file.index(of: "fmt ")!]
                second.body.replaceSubrange(4..<8, with: u32(UInt32(g.pick([1, 8000, 48000, 0xFFFF_FFFF]))))
                file.chunks.insert(second, at: g.int(0...file.chunks.count))
                return (file.bytes(), "second fmt chunk")
            }
            var second = file.chunks[d]
            second.body = g.bytes(g.int(0...4096))
            file.chunks.insert(second, at: g.int(0...file.chunks.count))
            return (file.bytes(), "second data chunk")
        case .junkChunk:
            var junk = RIFFFile.Chunk(g.pick(["LIST", "junk", "JUNK", "bext", "id3 ", "\0\0\0\0", "fmt"]), g.bytes(g.int(0...999)))
            junk.padded = g.chance(0.5)
            file.chunks.insert(junk, at: g.int(0...file.chunks.count))
            return (file.bytes(), "\(junk.body.count)-byte \(junk.name) chunk, \(junk.padded ? "" : "un")padded")
        case .junkChunkSize:
            var junk = RIFFFile.Chunk("LIST", g.bytes(g.int(0...64)))
            junk.declaredSize = UInt32(truncatingIfNeeded: g.pick([0x7FFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFF8, source.count]))
            file.chunks.insert(junk, at: g.int(0...file.chunks.count))
            return (file.bytes(), "LIST chunk declaring \(junk.declaredSize!) bytes")
        case .missingChunk:
            let id = g.pick(["fmt ", "data"])
            file.chunks.remove(at: file.index(of: id)!)
            return (file.bytes(), "no \(id) chunk")
        case .factFrames:
            let v = g.pick([0, 1, 1152, 0x7FFF_FFFF, 0xFFFF_FFF0, 0xFFFF_FFFF, g.int(0...0xFFFF_FFFF), data.count * 50])
            if let fact = file.index(of: "fact") {
                file.chunks[fact].body = u32(UInt32(truncatingIfNeeded: v))
            } else {
                file.chunks.insert(RIFFFile.Chunk("fact", u32(UInt32(truncatingIfNeeded: v))), at: d)
            }
            return (file.bytes(), "fact \(v) frames")
        case .mp3Header:
            if g.chance(0.5) {
                let v = g.pick([0, 3, 8, 64, 65535])
                file.setFmt16(RIFFFile.channels, v)
                return (file.bytes(), "MP3 with \(v) channels")
            }
            let v = g.pick([1, 4, 7, 999, 1000, 8000, 11025, 22050, 44100, 48000, 96000, 384_000, 0xFFFF_FFFF])
            file.setFmt32(RIFFFile.sampleRate, v)
            return (file.bytes(), "MP3 at \(v) Hz")
        case .mp3Data:
            var body = data
            let flips = g.pick([1, 8, 64, body.count])
            for _ in 0..<flips where !body.isEmpty { body[g.int(0...body.count - 1)] = UInt8.random(in: 0...255, using: &g) }
            file.chunks[d].body = body
            return (file.bytes(), "\(flips) random bytes in the MP3 data")
        case .mp3Truncate:
            let n = g.int(0...max(0, data.count - 1))
            file.chunks[d].body = Array(data.prefix(n))
            return (file.bytes(), "MP3 data cut to \(n) of \(data.count) bytes")
        case .bitFlipHeader:
            var bytes = file.bytes()
            let flips = g.int(1...8)
            for _ in 0..<flips { let i = g.int(0...min(63, bytes.count - 1)); bytes[i] ^= 1 << UInt8(g.int(0...7)) }
            return (bytes, "\(flips) bit flips in the first 64 bytes")
        case .bitFlipData:
            var body = data
            let flips = g.int(1...64)
            for _ in 0..<flips where !body.isEmpty { body[g.int(0...body.count - 1)] ^= 1 << UInt8(g.int(0...7)) }
            file.chunks[d].body = body
            return (file.bytes(), "\(flips) bit flips in the data")
        case .garbage:
            return (Array("RIFF".utf8) + u32(0xFFFF_FFFF) + Array("WAVE".utf8) + g.bytes(g.int(0...8192)), "RIFF header then random bytes")
        case .tiny:
            let all: [[UInt8]] = [[], Array("R".utf8), Array("RIFF".utf8), Array("RIFF\0\0\0\0WAVE".utf8),
                                  Array("RIFF\u{24}\0\0\0WAVEfmt ".utf8), Array(source.prefix(44)), Array(source.prefix(12))]
            let v = g.pick(all)
            return (v, "\(v.count)-byte file")
        case .magic:
            let m = g.pick(["RIFX", "RF64", "riff", "FORM", "\0\0\0\0"]), form = g.pick(["WAVE", "AVI ", "wave", "AIFF"])
            file.magic = Array(m.utf8)
            file.form = Array(form.utf8)
            return (file.bytes(), "magic \(m)/\(form)")
        case .floatSpecials:
            let specials: [Float] = [.nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0, -0]
            let count = g.int(1...2000)
            // Half the cases keep to finite values, so the huge and tiny ones reach the spectrogram.
            let pool = g.chance(0.5) ? specials : [.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0]
            let samples = (0..<count).map { _ in g.chance(0.3) ? g.pick(pool) : Float.random(in: -1...1, using: &g) }
            let wide = g.chance(0.5)
            let payload = wide ? samples.flatMap { withUnsafeBytes(of: Double($0).bitPattern.littleEndian, Array.init) }
                : samples.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
            file.setFmt16(RIFFFile.formatTag, 3)
            file.setFmt16(RIFFFile.channels, 1)
            file.setFmt16(RIFFFile.bitsPerSample, wide ? 64 : 32)
            file.setFmt16(RIFFFile.blockAlign, wide ? 8 : 4)
            file.chunks[d].body = payload
            return (file.bytes(), "\(count) float\(wide ? 64 : 32) samples with NaN/Inf/extremes")
        case .extremes:
            let frameBytes = max(1, file.fmt16(RIFFFile.blockAlign))
            let frames = g.pick([1, 2, 511, 512, 1023, 1025, 100_000])
            let fill: UInt8 = g.pick([0x00, 0x7F, 0x80, 0xFF])
            file.chunks[d].body = [UInt8](repeating: fill, count: frames * frameBytes)
            return (file.bytes(), "\(frames) frames of byte 0x\(String(fill, radix: 16))")
        case .longClip:
            let copies = g.int(2...4)
            file.chunks[d].body = Array([[UInt8]](repeating: data, count: copies).joined())
            let rate = g.pick([1000, 2000, 8000])
            file.setFmt32(RIFFFile.sampleRate, rate)
            if g.chance(0.5) {
                file.setFmt16(RIFFFile.formatTag, 1)
                file.setFmt16(RIFFFile.channels, 1)
                file.setFmt16(RIFFFile.bitsPerSample, 8)
                file.setFmt16(RIFFFile.blockAlign, 1)
            }
            return (file.bytes(), "data ×\(copies) at \(rate) Hz")
        case .oddData:
            var body = data
            body.append(contentsOf: g.bytes(g.int(1...3)))
            file.chunks[d].body = body
            file.chunks[d].padded = g.chance(0.5)
            return (file.bytes(), "\(body.count)-byte data (not whole frames), \(file.chunks[d].padded ? "" : "un")padded")
        }
    }
}
