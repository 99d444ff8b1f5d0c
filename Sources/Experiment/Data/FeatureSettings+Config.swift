import AudioFeatures

extension FeatureConfig {
    /// The front end's settings for this section of an experiment.
    var settings: FeatureSettings {
        var s = FeatureSettings()
        s.sampleRate = sampleRate
        s.nFFT = nFFT
        s.hopLength = hopLength
        s.nMels = nMels
        s.fmin = fmin
        s.fmax = fmax
        s.center = center
        s.padMode = padMode == .reflect ? .reflect : .constant
        s.topDB = topDB
        s.normalization = normalization == .none ? .none : .perSampleZ
        s.maxFrames = maxFrames
        return s
    }
}
