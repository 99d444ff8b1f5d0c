import Foundation

/// The draws the synthesizers share, each from the generator handed in.
enum SynthDraw {
    /// Uniform on a log scale in [low, high]: equal odds per octave, as rates and frequencies are perceived.
    static func logUniform(_ low: Double, _ high: Double, _ g: inout some RandomNumberGenerator) -> Double {
        exp(UniformDraw.double(in: log(low)...log(high), &g))
    }

    /// Exponential with the given mean: the wait between events of a Poisson stream.
    static func exponential(mean: Double, _ g: inout some RandomNumberGenerator) -> Double {
        -mean * log(1 - UniformDraw.unitDouble(&g))
    }

    /// Log-normal with median 1 and log-standard deviation `sigma`, cut at 2.5 sigma either side: the level of
    /// one event among many. Real events are bounded (big raindrops break up, a bubble is never at the
    /// microphone), and an untruncated tail lets one event outweigh the rest of a clip.
    static func logNormal(sigma: Double, _ g: inout some RandomNumberGenerator) -> Double {
        var z = DistributionDraw.standardNormal(&g)
        while abs(z) > 2.5 { z = DistributionDraw.standardNormal(&g) }
        return exp(sigma * z)
    }

    /// Uniform in [low, high].
    static func uniform(_ low: Double, _ high: Double, _ g: inout some RandomNumberGenerator) -> Double {
        UniformDraw.double(in: low...high, &g)
    }

    /// A decibel value as an amplitude ratio.
    static func amplitude(dB: Double) -> Double { pow(10, dB / 20) }
}
