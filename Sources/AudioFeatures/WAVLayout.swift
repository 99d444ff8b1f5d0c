import Foundation

/// What a RIFF/WAVE header says about its audio: parsed by us so MP3-in-WAV and truncation are caught
/// before any decoder sees the bytes.
struct WAVLayout {
    var formatTag: UInt16
    var channels: Int
    var sampleRate: Int
    var blockAlign: Int
    var bitsPerSample: Int
    /// Sample frames announced by the `fact` chunk (compressed formats), if present.
    var factFrames: Int?
    /// Byte range of the `data` chunk payload inside the file.
    var data: Range<Int>

    static let pcm: UInt16 = 1, float: UInt16 = 3, alaw: UInt16 = 6, ulaw: UInt16 = 7
    static let mpegLayer3: UInt16 = 0x55, extensible: UInt16 = 0xFFFE

    /// Reads the chunk list of `bytes`; throws a reason string (the caller adds the file name).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(WAVProblem) -> WAVLayout {
        let n = bytes.count
        if n == 0 { throw .init("empty file") }
        func u16(_ o: Int) -> UInt16 { UInt16(bytes[o]) | UInt16(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> UInt32 { UInt32(u16(o)) | UInt32(u16(o + 2)) << 16 }
        func tag(_ o: Int) -> String { String(decoding: bytes[o..<o + 4], as: UTF8.self) }
        guard n >= 12 else {
            if n >= 4 && tag(0) == "RIFF" { throw .init("truncated header (\(n) bytes)") }
            throw .init("not a WAV file (no RIFF/WAVE header)")
        }
        guard tag(0) == "RIFF", tag(8) == "WAVE" else {
            throw .init("not a WAV file (no RIFF/WAVE header)")
        }
        var fmt: WAVLayout?
        var fact: Int?
        var data: Range<Int>?
        var pos = 12
        while pos + 8 <= n {
            let id = tag(pos)
            let size = Int(u32(pos + 4))
            let body = pos + 8
            if id == "fmt " {
                guard size >= 16, body + 16 <= n else { throw .init("truncated header (fmt chunk cut off)") }
                var formatTag = u16(body)
                if formatTag == extensible && size >= 40 && body + 26 <= n { formatTag = u16(body + 24) }
                fmt = WAVLayout(formatTag: formatTag, channels: Int(u16(body + 2)), sampleRate: Int(u32(body + 4)),
                                blockAlign: Int(u16(body + 12)), bitsPerSample: Int(u16(body + 14)),
                                factFrames: nil, data: 0..<0)
            } else if id == "fact" && size >= 4 && body + 4 <= n {
                fact = Int(u32(body))
            } else if id == "data" && data == nil {
                guard fmt != nil else { throw .init("truncated header (no fmt chunk before data)") }
                let available = n - body
                if size > available {
                    throw .init("truncated data (data chunk declares \(size) bytes, file holds \(available))")
                }
                data = body..<body + size
            }
            // Keep walking after data: some MP3-in-WAV files put their fact chunk last.
            pos = body + size + (size & 1)
        }
        guard var layout = fmt else { throw .init("truncated header (no fmt chunk)") }
        guard let data else { throw .init("truncated header (no data chunk)") }
        guard layout.channels > 0 else { throw .init("invalid header (0 channels)") }
        guard layout.sampleRate > 0 else { throw .init("invalid header (sample rate 0)") }
        layout.factFrames = fact
        layout.data = data
        try layout.checkLimits()
        return layout
    }
}

/// A reason a WAV header is unusable; `AudioDecoder` turns it into an `AudioDecodeError`.
struct WAVProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
