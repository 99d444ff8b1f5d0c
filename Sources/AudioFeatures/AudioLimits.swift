/// What soundlab accepts from a WAV header. Every size a file declares is held against these (and against the
/// file's own length) before anything is allocated for it, so a lying header is one clear error, not an
/// allocation the machine cannot make. README's "Bad input" part lists the same numbers.
public enum AudioLimits {
    /// Native sample rates accepted, in Hz: telephone-band recordings up to the fastest studio rate. Outside it
    /// a header is wrong, and resampling from it to the feature rate could ask for arbitrary memory.
    public static let sampleRates = 1_000...384_000
    /// Channel counts accepted: far above any recorder's, far below what would make one frame absurd.
    public static let channels = 1...64
    /// The longest clip accepted, in seconds; a classifier's input is seconds long, and the decoded and
    /// resampled waves of a clip this long still fit comfortably in memory.
    public static let maxSeconds = 3_600
    /// MPEG Layer III's lowest bit rate, in bytes per second: `n` bytes of MP3 hold at most n / 1000 seconds.
    static let mp3MinBytesPerSecond = 1_000
    /// Samples of one MPEG Layer III frame at most (an MPEG-1 frame).
    static let mp3FrameSamples = 1_152

    /// The most sample frames a clip at `rate` Hz may hold.
    static func maxFrames(atRate rate: Int) -> Int { maxSeconds * rate }
}
