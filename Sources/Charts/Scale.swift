import Foundation

/// A linear map from data values to pixels, with "nice" round tick values (1, 2, 5 × 10^k) covering
/// the data, so axes read 0, 0.2, 0.4 ... rather than 0, 0.1837 ...
struct LinearScale {
    let domainMin: Double
    let domainMax: Double
    let rangeMin: Double  // pixel for domainMin
    let rangeMax: Double  // pixel for domainMax
    let ticks: [Double]
    let decimals: Int

    /// - Parameters:
    ///   - values: the data; NaN and infinities are ignored, an empty set gives 0...1.
    ///   - includeZero: bars start at zero, lines need not.
    ///   - fixed: a caller-chosen domain (e.g. 0...1 for accuracies), used as given.
    ///   - integral: ticks only at whole numbers (epochs have no 1.5).
    init(values: [Double], includeZero: Bool, fixed: ClosedRange<Double>?, pixels: (Double, Double),
         tickCount: Int = 6, integral: Bool = false) {
        var lo: Double
        var hi: Double
        if let fixed {
            lo = fixed.lowerBound
            hi = fixed.upperBound
        } else {
            let finite = values.filter { $0.isFinite }
            lo = finite.min() ?? 0
            hi = finite.max() ?? 1
            if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        }
        if hi <= lo {  // one value or none: open a window around it
            let pad = lo == 0 ? 1 : abs(lo) * 0.5
            lo -= includeZero && lo >= 0 && fixed == nil ? 0 : pad
            hi += pad
        }
        var step = LinearScale.niceNumber((hi - lo) / Double(max(1, tickCount - 1)), round: true)
        if integral { step = max(step, 1) }
        let niceLo = fixed == nil ? (lo / step).rounded(.down) * step : lo
        let niceHi = fixed == nil ? (hi / step).rounded(.up) * step : hi
        var ticks: [Double] = []
        var k = (niceLo / step).rounded(.up)
        while k * step <= niceHi + step * 1e-9 {
            let t = k * step
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            k += 1
        }
        domainMin = niceLo
        domainMax = niceHi
        rangeMin = pixels.0
        rangeMax = pixels.1
        self.ticks = ticks
        decimals = max(0, -Int((log10(step)).rounded(.down)))
    }

    /// Pixel of a value; values outside the domain are clamped so marks stay inside the plot.
    func pixel(_ value: Double) -> Double {
        let clamped = min(max(value, domainMin), domainMax)
        return rangeMin + (clamped - domainMin) / (domainMax - domainMin) * (rangeMax - rangeMin)
    }

    func label(_ value: Double) -> String { String(format: "%.\(decimals)f", value) }

    /// The classic "nice numbers for graph labels" choice: the nearest of 1, 2, 5 × 10^k.
    static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = log10(x).rounded(.down)
        let fraction = x / pow(10, exponent)
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * pow(10, exponent)
    }
}

/// Formats a data value for a label: NaN reads "n/a", integers have no decimals.
func valueLabel(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
    return String(format: "%.\(decimals)f", value)
}
