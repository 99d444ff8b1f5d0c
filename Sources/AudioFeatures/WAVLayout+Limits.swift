extension WAVLayout {
    /// Sample frames the header commits to: the data chunk's whole frames for the encodings decoded here, the
    /// `fact` chunk for MP3; nil when only libsndfile knows (it is held to the limits while it reads).
    var declaredFrames: Int? {
        if formatTag == Self.mpegLayer3 { return factFrames }
        guard PCMDecoding.handles(self) else { return nil }
        return data.count / max(blockAlign, bitsPerSample / 8 * channels)
    }

    /// Refuses a header whose sizes soundlab will not allocate for (see `AudioLimits`); called by `parse`, so no
    /// decoder ever sees such a header.
    func checkLimits() throws(WAVProblem) {
        let channelRange = AudioLimits.channels, rateRange = AudioLimits.sampleRates
        guard channelRange.contains(channels) else {
            throw .init("unsupported channel count \(channels) (soundlab reads \(channelRange.lowerBound)–\(channelRange.upperBound))")
        }
        guard rateRange.contains(sampleRate) else {
            throw .init("sample rate \(sampleRate) Hz is outside \(rateRange.lowerBound)–\(rateRange.upperBound) Hz")
        }
        if formatTag == Self.mpegLayer3 {
            guard channels <= 2 else { throw .init("MP3 in WAV declares \(channels) channels (MP3 holds 1 or 2)") }
            if let fact = factFrames, fact > mp3FramesHeld {
                throw .init("fact chunk declares \(fact) frames, more than \(data.count) bytes of MP3 data can hold "
                    + "(\(mp3FramesHeld) at \(sampleRate) Hz)")
            }
        }
        if let frames = declaredFrames, frames > AudioLimits.maxFrames(atRate: sampleRate) {
            throw .init("too long (\(frames) frames at \(sampleRate) Hz is over \(AudioLimits.maxSeconds) s, "
                + "the longest clip soundlab reads)")
        }
    }

    /// The most frames the data chunk can hold as MP3: its bytes at MP3's lowest bit rate, plus one frame.
    var mp3FramesHeld: Int {
        data.count * sampleRate / AudioLimits.mp3MinBytesPerSecond + AudioLimits.mp3FrameSamples
    }
}
