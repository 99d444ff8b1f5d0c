import Foundation

/// The one number format of every metrics file, so reruns with the same numbers diff cleanly:
/// fixed six decimals for scores, losses and seconds; six significant digits for learning rates,
/// which span decades (1e-2 … 1e-6) and would round to zero in fixed notation.
public enum MetricFormat {
    /// `0.912346`, `nan`, `inf`.
    public static func fixed(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let s = String(format: "%.6f", value)
        return s == "-0.000000" ? "0.000000" : s
    }

    /// `0.001`, `1e-05`: six significant digits.
    public static func significant(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.6g", value)
    }

    /// Parses what either format wrote (and `nan`/`inf`).
    public static func parse(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(text)
        }
    }

    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")
    }
}
