/// Uncompressed and G.711 sample decoding, bit-for-bit what libsndfile's `sf_readf_float` returns
/// (integer / 2^(bits-1), unsigned 8-bit centred on 128, G.711 via the ITU expansion / 32768),
/// mixed to mono as the Float mean of the channels (librosa's `to_mono`).
enum PCMDecoding {
    /// True when this module decodes `layout` itself (everything else goes to libsndfile or mpg123).
    static func handles(_ layout: WAVLayout) -> Bool {
        switch layout.formatTag {
        case WAVLayout.pcm: return [8, 16, 24, 32].contains(layout.bitsPerSample)
        case WAVLayout.float: return [32, 64].contains(layout.bitsPerSample)
        case WAVLayout.alaw, WAVLayout.ulaw: return layout.bitsPerSample == 8
        default: return false
        }
    }

    static func encodingName(_ layout: WAVLayout) -> String {
        switch layout.formatTag {
        case WAVLayout.pcm: return layout.bitsPerSample == 8 ? "PCM 8-bit unsigned" : "PCM \(layout.bitsPerSample)-bit"
        case WAVLayout.float: return "float \(layout.bitsPerSample)-bit"
        case WAVLayout.alaw: return "A-law"
        case WAVLayout.ulaw: return "µ-law"
        case WAVLayout.mpegLayer3: return "MP3 in WAV"
        default: return "WAVE format 0x\(String(layout.formatTag, radix: 16))"
        }
    }

    /// Decodes the data chunk of `bytes` into mono samples.
    static func decode(_ bytes: UnsafeRawBufferPointer, _ layout: WAVLayout) -> [Float] {
        let channels = layout.channels
        let width = layout.bitsPerSample / 8
        let frameBytes = max(layout.blockAlign, width * channels)
        let frames = layout.data.count / frameBytes
        let base = bytes.baseAddress! + layout.data.lowerBound
        let table: [Float]? = layout.formatTag == WAVLayout.alaw ? alawTable
            : layout.formatTag == WAVLayout.ulaw ? ulawTable : nil
        let tag = layout.formatTag
        let sample: (UnsafeRawPointer) -> Float
        switch (tag, width) {
        case (WAVLayout.pcm, 1): sample = { Float(Int($0.load(as: UInt8.self)) - 128) * (1 / 128) }
        case (WAVLayout.pcm, 2): sample = { Float(Int16(littleEndian: $0.loadUnaligned(as: Int16.self))) * (1 / 32768) }
        case (WAVLayout.pcm, 3):
            sample = {
                let v = Int32(bitPattern: UInt32($0.load(as: UInt8.self)) << 8 | UInt32($0.load(fromByteOffset: 1, as: UInt8.self)) << 16
                    | UInt32($0.load(fromByteOffset: 2, as: UInt8.self)) << 24)
                return Float(v) * (1 / 2_147_483_648)
            }
        case (WAVLayout.pcm, 4): sample = { Float(Int32(littleEndian: $0.loadUnaligned(as: Int32.self))) * (1 / 2_147_483_648) }
        case (WAVLayout.float, 4): sample = { Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
        case (WAVLayout.float, 8): sample = { Float(Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)))) }
        default:
            let t = table!
            sample = { t[Int($0.load(as: UInt8.self))] }
        }
        // Every slot is written below; skipping the zero fill saves a pass over the clip.
        let out = [Float](unsafeUninitializedCapacity: frames) { dst, initialized in
            initialized = frames
            if channels == 1 {
                // The dataset's common cases get loops the optimiser can vectorise.
                if tag == WAVLayout.pcm && width == 2 && frameBytes == 2 {
                    // Constant stride, so the conversion vectorises.
                    for i in 0..<frames {
                        dst[i] = Float(Int16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self))) * (1 / 32768)
                    }
                } else if tag == WAVLayout.pcm && width == 2 {
                    for i in 0..<frames {
                        dst[i] = Float(Int16(littleEndian: (base + i * frameBytes).loadUnaligned(as: Int16.self))) * (1 / 32768)
                    }
                } else if tag == WAVLayout.pcm && width == 1 && frameBytes == 1 {
                    let bytes = base.assumingMemoryBound(to: UInt8.self)
                    for i in 0..<frames { dst[i] = Float(Int32(bytes[i]) - 128) * (1 / 128) }
                } else if tag == WAVLayout.pcm && width == 1 {
                    for i in 0..<frames { dst[i] = Float(Int(base.load(fromByteOffset: i * frameBytes, as: UInt8.self)) - 128) * (1 / 128) }
                } else {
                    for i in 0..<frames { dst[i] = sample(base + i * frameBytes) }
                }
            } else if channels == 2 && tag == WAVLayout.pcm && width == 2 {
                for i in 0..<frames {
                    let frame = base + i * frameBytes
                    let l = Float(Int16(littleEndian: frame.loadUnaligned(as: Int16.self))) * (1 / 32768)
                    let r = Float(Int16(littleEndian: frame.loadUnaligned(fromByteOffset: 2, as: Int16.self))) * (1 / 32768)
                    dst[i] = (l + r) / 2
                }
            } else {
                let inv = Float(channels)
                for i in 0..<frames {
                    let frame = base + i * frameBytes
                    var s = sample(frame)
                    for c in 1..<channels { s += sample(frame + c * width) }
                    dst[i] = s / inv
                }
            }
        }
        return out
    }

    /// ITU G.711 A-law expansion to 16-bit, scaled as libsndfile does (/32768).
    static let alawTable: [Float] = (0..<256).map { code in
        let a = code ^ 0x55
        var t = (a & 0x0F) << 4
        let seg = (a & 0x70) >> 4
        switch seg {
        case 0: t += 8
        case 1: t += 0x108
        default: t = (t + 0x108) << (seg - 1)
        }
        return Float((a & 0x80) != 0 ? t : -t) * (1 / 32768)
    }

    /// ITU G.711 µ-law expansion to 16-bit, scaled as libsndfile does (/32768).
    static let ulawTable: [Float] = (0..<256).map { code in
        let u = ~code & 0xFF
        let t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
        return Float((u & 0x80) != 0 ? 0x84 - t : t - 0x84) * (1 / 32768)
    }
}
