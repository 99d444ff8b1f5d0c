import Foundation

/// Slaney-scale triangular mel filters with Slaney area normalisation, computed like
/// `librosa.filters.mel(htk=False, norm='slaney')` (float64 maths, float32 weights).
public enum MelFilterbank {
    /// Weights of shape (nMels, nFFT/2 + 1), row-major.
    public static func weights(sampleRate: Int, nFFT: Int, nMels: Int, fmin: Double, fmax: Double) -> [Float] {
        let bins = nFFT / 2 + 1
        let binHz = 1.0 / (Double(nFFT) * (1.0 / Double(sampleRate)))
        let fftFreqs = (0..<bins).map { Double($0) * binHz }
        let melF = melFrequencies(count: nMels + 2, fmin: fmin, fmax: fmax)
        var weights = [Float](repeating: 0, count: nMels * bins)
        for m in 0..<nMels {
            let lowDiff = melF[m + 1] - melF[m], highDiff = melF[m + 2] - melF[m + 1]
            let enorm = 2.0 / (melF[m + 2] - melF[m])
            for k in 0..<bins {
                let lower = -(melF[m] - fftFreqs[k]) / lowDiff
                let upper = (melF[m + 2] - fftFreqs[k]) / highDiff
                // librosa stores the triangle in float32 first, then scales by enorm in float64.
                let tri = Float(max(0, min(lower, upper)))
                weights[m * bins + k] = Float(Double(tri) * enorm)
            }
        }
        return weights
    }

    /// `count` frequencies evenly spaced on the Slaney mel scale between fmin and fmax (numpy linspace).
    static func melFrequencies(count: Int, fmin: Double, fmax: Double) -> [Double] {
        let lo = hzToMel(fmin), hi = hzToMel(fmax)
        let step = (hi - lo) / Double(count - 1)
        return (0..<count).map { i in melToHz(i == count - 1 ? hi : Double(i) * step + lo) }
    }

    private static let fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = 1000.0 / (200.0 / 3)
    private static let logStep = log(6.4) / 27

    static func hzToMel(_ f: Double) -> Double {
        f >= minLogHz ? minLogMel + log(f / minLogHz) / logStep : f / fSp
    }

    static func melToHz(_ m: Double) -> Double {
        m >= minLogMel ? minLogHz * exp(logStep * (m - minLogMel)) : fSp * m
    }
}
