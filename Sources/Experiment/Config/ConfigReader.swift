/// An allowed numeric range, with the words used when a value falls outside it.
struct Bound {
    let contains: (Double) -> Bool
    let text: String

    static func atLeast(_ x: Double) -> Bound { Bound(contains: { $0 >= x }, text: "at least \(ConfigNumber.text(x))") }
    static func greaterThan(_ x: Double) -> Bound { Bound(contains: { $0 > x }, text: "greater than \(ConfigNumber.text(x))") }
    static func between(_ a: Double, _ b: Double) -> Bound {
        Bound(contains: { $0 >= a && $0 <= b }, text: "between \(ConfigNumber.text(a)) and \(ConfigNumber.text(b))")
    }
    /// `a <= x < b`.
    static func halfOpen(_ a: Double, _ b: Double) -> Bound {
        Bound(contains: { $0 >= a && $0 < b }, text: "in [\(ConfigNumber.text(a)), \(ConfigNumber.text(b)))")
    }
    /// `a < x <= b`.
    static func openClosed(_ a: Double, _ b: Double) -> Bound {
        Bound(contains: { $0 > a && $0 <= b }, text: "in (\(ConfigNumber.text(a)), \(ConfigNumber.text(b))]")
    }
}

/// Numbers as messages and the resolved YAML show them: integral values without a fraction.
enum ConfigNumber {
    static func text(_ x: Double) -> String {
        if x.rounded() == x, abs(x) < 1e15 { return String(Int(x)) }
        return YAMLNumber.format(x)
    }
}

/// Reads one mapping of the schema: typed getters that fall back to defaults, report wrong types and ranges
/// at the value's location, and remember which keys were asked for so `finish()` can flag the rest.
final class ConfigReader {
    /// Dotted path of this mapping (`train.optimizer`), empty at the top level.
    let path: String
    /// The mapping's location, or where a missing mapping would have been written.
    let location: SourceLocation
    let sink: DiagnosticSink
    let context: ConfigContext
    let entries: [ConfigEntry]
    private(set) var known: [String] = []
    /// Set when the mapping's other keys cannot be judged (its `type` is unknown, so its options are too).
    private(set) var abandoned = false

    init(_ value: YAMLValue?, path: String, fallback: SourceLocation, sink: DiagnosticSink,
         context: ConfigContext = ConfigContext()) {
        self.path = path
        self.sink = sink
        self.context = context
        switch value?.kind {
        case .map(let entries)?:
            self.entries = entries
            self.location = value!.location
        case .null?, nil:
            self.entries = []
            self.location = value?.location ?? fallback
        case _?:
            self.entries = []
            self.location = value!.location
            sink.report(value!.location, "\(path) must be a mapping, got \(value!)")
        }
    }

    /// Dotted path of `key` under this mapping.
    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value written for `key` (null included), recording `key` as part of the schema here.
    func value(_ key: String) -> YAMLValue? {
        if !known.contains(key) { known.append(key) }
        return entries.first { $0.key == key }?.value
    }

    /// The value written for `key`, treating `null` as not written.
    func present(_ key: String) -> YAMLValue? {
        guard let v = value(key), !v.isNull else { return nil }
        return v
    }

    /// Where `key`'s value is, or this mapping's location when it was not written.
    func location(of key: String) -> SourceLocation {
        entries.first { $0.key == key }?.value.location ?? location
    }

    func report(_ key: String, _ message: String) {
        sink.report(location(of: key), message)
    }

    // MARK: Scalars

    func int(_ key: String, default fallback: Int, _ bound: Bound? = nil) -> Int {
        guard let v = present(key) else { return fallback }
        return checkedInt(v, field: field(key), bound) ?? fallback
    }

    func optionalInt(_ key: String, default fallback: Int?, _ bound: Bound? = nil) -> Int? {
        guard let v = value(key) else { return fallback }
        if v.isNull { return nil }
        return checkedInt(v, field: field(key), bound) ?? fallback
    }

    func checkedInt(_ v: YAMLValue, field: String, _ bound: Bound?) -> Int? {
        guard let i = v.int else {
            sink.report(v.location, "\(field) must be an integer, got \(v)")
            return nil
        }
        if let bound, !bound.contains(Double(i)) {
            sink.report(v.location, "\(field) must be \(bound.text), got \(i)")
            return nil
        }
        return i
    }

    func double(_ key: String, default fallback: Double, _ bound: Bound? = nil) -> Double {
        guard let v = present(key) else { return fallback }
        return checkedDouble(v, field: field(key), bound) ?? fallback
    }

    func optionalDouble(_ key: String, default fallback: Double?, _ bound: Bound? = nil) -> Double? {
        guard let v = value(key) else { return fallback }
        if v.isNull { return nil }
        return checkedDouble(v, field: field(key), bound) ?? fallback
    }

    func checkedDouble(_ v: YAMLValue, field: String, _ bound: Bound?) -> Double? {
        guard let d = v.double, d.isFinite else {
            sink.report(v.location, "\(field) must be a number, got \(v)")
            return nil
        }
        if let bound, !bound.contains(d) {
            sink.report(v.location, "\(field) must be \(bound.text), got \(ConfigNumber.text(d))")
            return nil
        }
        return d
    }

    func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let v = present(key) else { return fallback }
        guard let b = v.bool else {
            sink.report(v.location, "\(field(key)) must be true or false, got \(v)")
            return fallback
        }
        return b
    }

    func string(_ key: String, default fallback: String) -> String {
        guard let v = present(key) else { return fallback }
        return checkedString(v, field: field(key)) ?? fallback
    }

    func checkedString(_ v: YAMLValue, field: String) -> String? {
        guard let s = v.string, !s.isEmpty else {
            sink.report(v.location, "\(field) must be a non-empty string, got \(v)")
            return nil
        }
        return s
    }

    func choice<E: CaseIterable & RawRepresentable<String>>(_ key: String, default fallback: E) -> E {
        guard let v = present(key) else { return fallback }
        return checkedChoice(v, field: field(key), as: E.self) ?? fallback
    }

    func checkedChoice<E: CaseIterable & RawRepresentable<String>>(_ v: YAMLValue, field: String, as: E.Type) -> E? {
        let names = E.allCases.map(\.rawValue)
        if let s = v.string, let e = E(rawValue: s) { return e }
        let hint = v.string.map { Suggestion.hint(for: $0, in: names) } ?? ""
        sink.report(v.location, "\(field) must be one of \(names.joined(separator: ", ")), got \(v)\(hint)")
        return nil
    }

    /// A `[min, max]` pair (a single number means `[x, x]` where `allowSingle`).
    func range(_ key: String, default fallback: ClosedRange<Double>, _ bound: Bound? = nil,
               allowSingle: Bool = false) -> ClosedRange<Double> {
        guard let v = present(key) else { return fallback }
        let f = field(key)
        if allowSingle, v.double != nil {
            return checkedDouble(v, field: f, bound).map { $0...$0 } ?? fallback
        }
        guard let items = v.items, items.count == 2 else {
            sink.report(v.location, "\(f) must be a list [min, max], got \(v)")
            return fallback
        }
        guard let lo = checkedDouble(items[0], field: "\(f).0", bound),
              let hi = checkedDouble(items[1], field: "\(f).1", bound) else { return fallback }
        guard lo <= hi else {
            sink.report(v.location, "\(f) must be [min, max] with min <= max, got [\(ConfigNumber.text(lo)), \(ConfigNumber.text(hi))]")
            return fallback
        }
        return lo...hi
    }

    /// A non-empty list of integers, each within `bound`; any bad item keeps the default whole.
    func intList(_ key: String, default fallback: [Int], _ bound: Bound? = nil) -> [Int] {
        guard let v = present(key) else { return fallback }
        let f = field(key)
        guard let items = v.items else {
            sink.report(v.location, "\(f) must be a non-empty list of integers, got \(v)")
            return fallback
        }
        guard !items.isEmpty else {
            sink.report(v.location, "\(f) must list at least one integer")
            return fallback
        }
        let ints = items.enumerated().compactMap { checkedInt($0.element, field: "\(f).\($0.offset)", bound) }
        return ints.count == items.count ? ints : fallback
    }

    func stringList(_ key: String) -> [String]? {
        guard let v = present(key) else { return nil }
        guard let items = v.items else {
            sink.report(v.location, "\(field(key)) must be a list of strings, got \(v)")
            return nil
        }
        return items.enumerated().compactMap { checkedString($0.element, field: "\(field(key)).\($0.offset)") }
    }

    // MARK: Structure

    /// The reader for the mapping under `key` (empty when absent, so every default applies).
    func child(_ key: String) -> ConfigReader {
        ConfigReader(value(key), path: field(key), fallback: location(of: key), sink: sink, context: context)
    }

    /// The reader for item `index` of the list under this mapping's `key`.
    func item(_ value: YAMLValue, of key: String, at index: Int) -> ConfigReader {
        ConfigReader(value, path: "\(field(key)).\(index)", fallback: value.location, sink: sink, context: context)
    }

    /// Stops judging this mapping: its remaining keys are neither read nor reported as unknown.
    func abandon() {
        abandoned = true
        for entry in entries where !known.contains(entry.key) { known.append(entry.key) }
    }

    /// Reports every key that no getter asked for, with the nearest known key when it looks like a typo.
    func finish() {
        for entry in entries where !known.contains(entry.key) {
            let place = path.isEmpty ? "unknown top-level key '\(entry.key)'" : "unknown key '\(entry.key)' in \(path)"
            sink.report(entry.keyLocation, place + Suggestion.hint(for: entry.key, in: known))
        }
    }
}
