import CSndFile

/// WAVE encodings we do not decode ourselves (ADPCM, GSM, ...) go through libsndfile.
enum SndFileDecoding {
    /// Frames read per call: the clip grows as it is read, never to a length the header only claims.
    private static let block = 65_536

    static func decode(path: String, _ layout: WAVLayout) throws(WAVProblem) -> ([Float], Int, String) {
        var info = SF_INFO()
        guard let handle = sf_open(path, Int32(SFM_READ), &info) else {
            throw WAVProblem("unsupported encoding (\(String(cString: sf_strerror(nil))))")
        }
        defer { sf_close(handle) }
        let channels = Int(info.channels)
        guard AudioLimits.channels.contains(channels) else {
            throw WAVProblem("unsupported channel count \(channels) (soundlab reads "
                + "\(AudioLimits.channels.lowerBound)–\(AudioLimits.channels.upperBound))")
        }
        let mostFrames = AudioLimits.maxFrames(atRate: layout.sampleRate)
        var interleaved = [Float](repeating: 0, count: block * channels)
        var mono: [Float] = []
        let inv = Float(channels)
        while true {
            let read = Int(interleaved.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, sf_count_t(block)) })
            if read <= 0 { break }
            if mono.count + read > mostFrames {
                throw WAVProblem("too long (decodes past \(AudioLimits.maxSeconds) s)")
            }
            for i in 0..<read {
                var s = interleaved[i * channels]
                for c in 1..<channels { s += interleaved[i * channels + c] }
                mono.append(channels == 1 ? s : s / inv)
            }
        }
        let subtype = Int(info.format) & Int(SF_FORMAT_SUBMASK)
        return (mono, channels, "libsndfile subtype 0x\(String(subtype, radix: 16))")
    }
}
