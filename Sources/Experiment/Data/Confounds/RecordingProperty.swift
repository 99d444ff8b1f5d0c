import Foundation

/// A recording property the confound check tries as a one-property classifier.
public enum RecordingProperty: String, Sendable, Equatable, Codable, CaseIterable {
    case sampleRate, channels, encoding, duration, bandwidth

    /// Name in the text report.
    public var displayName: String {
        switch self {
        case .sampleRate: "sample rate"
        case .channels: "channels"
        case .encoding: "encoding"
        case .duration: "duration"
        case .bandwidth: "bandwidth"
        }
    }

    /// True for properties cut into quantile bins; the others are categorical, one bin per value.
    public var isContinuous: Bool { self == .duration || self == .bandwidth }

    /// The value of a continuous property (seconds, Hz).
    func number(_ clip: RecordingProperties) -> Double {
        switch self {
        case .duration: clip.seconds
        case .bandwidth: clip.bandwidthHz
        case .sampleRate: Double(clip.sampleRate)
        case .channels: Double(clip.channels)
        case .encoding: 0
        }
    }

    /// The category of a categorical property, sortable: rates and channel counts in numeric order, then names.
    func category(_ clip: RecordingProperties) -> PropertyCategory {
        switch self {
        case .sampleRate: PropertyCategory(order: Double(clip.sampleRate), label: Self.kHz(Double(clip.sampleRate)) + " kHz")
        case .channels: PropertyCategory(order: Double(clip.channels), label: clip.channels == 1 ? "mono" : "\(clip.channels) ch")
        case .encoding: PropertyCategory(order: 0, label: clip.encoding)
        case .duration, .bandwidth: PropertyCategory(order: number(clip), label: "")
        }
    }

    /// A continuous value in the unit of `unit`, for bin labels: seconds with two decimals, kHz with one.
    func format(_ value: Double) -> String {
        switch self {
        case .bandwidth: String(format: "%.1f", value / 1000)
        default: String(format: "%.2f", value)
        }
    }

    /// Unit of `format`'s numbers.
    var unit: String { self == .bandwidth ? "kHz" : "s" }

    /// Hz as kHz with only the decimals it needs: 8000 → "8", 11025 → "11.025", 44100 → "44.1".
    static func kHz(_ hz: Double) -> String {
        var text = String(format: "%.3f", hz / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
