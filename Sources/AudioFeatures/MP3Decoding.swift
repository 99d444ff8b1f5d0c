import CMpg123

/// MPEG Layer III inside RIFF (format tag 0x55), decoded with libmpg123 to Float and cut to the
/// `fact` chunk's frame count: libsndfile opens these files but silently returns truncated audio.
enum MP3Decoding {
    private static let initialised: Bool = { mpg123_init() == MPG123_OK.rawValue }()

    static func decode(_ bytes: UnsafeRawBufferPointer, _ layout: WAVLayout) throws(WAVProblem) -> [Float] {
        _ = initialised
        var err: Int32 = 0
        guard let mh = mpg123_new(nil, &err) else { throw .init("mpg123 unavailable (error \(err))") }
        defer { mpg123_delete(mh) }
        _ = mpg123_param2(mh, Int32(MPG123_ADD_FLAGS.rawValue), Int(MPG123_QUIET.rawValue), 0)
        allowEveryRate(mh)
        guard mpg123_open_feed(mh) == MPG123_OK.rawValue else { throw .init("mpg123 could not open the stream") }
        let data = bytes.baseAddress! + layout.data.lowerBound
        guard mpg123_feed(mh, data.assumingMemoryBound(to: UInt8.self), layout.data.count) == MPG123_OK.rawValue else {
            throw .init("mpg123 could not take the MP3 data")
        }
        // Grown as decoded, never reserved from the header: `fact` is a claim, the stream is the truth.
        var interleaved: [Float] = []
        var channels = layout.channels
        let mostFloats = (AudioLimits.maxFrames(atRate: layout.sampleRate) + AudioLimits.mp3FrameSamples) * 2
        var chunk = [Float](repeating: 0, count: 1152 * 2 * 4)
        decoding: while true {
            var done = 0
            let rc = chunk.withUnsafeMutableBytes { mpg123_read(mh, $0.baseAddress, $0.count, &done) }
            if done > 0 { interleaved.append(contentsOf: chunk[0..<done / 4]) }
            if interleaved.count > mostFloats {
                throw .init("too long (MP3 data decodes past \(AudioLimits.maxSeconds) s)")
            }
            switch rc {
            case MPG123_OK.rawValue: continue
            case MPG123_NEW_FORMAT.rawValue:
                var rate = 0, ch: Int32 = 0, enc: Int32 = 0
                mpg123_getformat(mh, &rate, &ch, &enc)
                if rate != layout.sampleRate {
                    throw .init("MP3 stream is \(rate) Hz but the WAV header says \(layout.sampleRate) Hz")
                }
                channels = Int(ch)
            case MPG123_NEED_MORE.rawValue, MPG123_DONE.rawValue: break decoding
            default:
                throw .init("MP3 data is corrupt (\(String(cString: mpg123_strerror(mh))))")
            }
        }
        let total = interleaved.count / max(channels, 1)
        let frames = min(total, layout.factFrames ?? total)
        guard frames > 0 else { throw .init("MP3 data decodes to 0 samples") }
        var mono = [Float](repeating: 0, count: frames)
        interleaved.withUnsafeBufferPointer { src in
            mono.withUnsafeMutableBufferPointer { dst in
                if channels == 1 {
                    for i in 0..<frames { dst[i] = src[i] }
                } else {
                    let inv = Float(channels)
                    for i in 0..<frames {
                        var s = src[i * channels]
                        for c in 1..<channels { s += src[i * channels + c] }
                        dst[i] = s / inv
                    }
                }
            }
        }
        return mono
    }

    /// Float output at every rate MP3 has, so libmpg123 always decodes at the stream's own rate: asked for one
    /// rate it cannot reach, it prints its complaint to stderr whatever MPG123_QUIET says. A stream whose rate
    /// differs from the header's is then refused by `decode` in its own words.
    private static func allowEveryRate(_ mh: OpaquePointer) {
        mpg123_format_none(mh)
        var list: UnsafePointer<Int>?
        var count = 0
        mpg123_rates(&list, &count)
        let encoding = Int32(MPG123_ENC_FLOAT_32.rawValue)
        let channelsMask = Int32(MPG123_MONO.rawValue | MPG123_STEREO.rawValue)
        for i in 0..<count { _ = mpg123_format(mh, list![i], channelsMask, encoding) }
    }
}
