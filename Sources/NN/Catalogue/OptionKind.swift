/// What values a layer option accepts. The catalogue checks every option against its kind before a layer is
/// made, so layers never see a size of 0 or an unknown name.
public enum OptionKind: Sendable, Equatable {
    /// One integer in the range.
    case integer(ClosedRange<Int>)
    /// `count` integers in the range, one per spatial axis; a single integer stands for all of them.
    case integers(count: Int, ClosedRange<Int>)
    /// A target shape: sizes in the range, at most one of them -1 (inferred).
    case shape(ClosedRange<Int>)
    /// A real number in the range.
    case number(NumberRange)
    /// true or false; `only` when a single value is supported (the other is a Keras feature not implemented).
    case boolean(only: Bool?)
    /// One of `names`; `aliases` map other accepted spellings to one of them. `listedAs` names a set the docs list
    /// once ("activation") instead of in every row.
    case choice([String], aliases: [String: String] = [:], listedAs: String? = nil)

    /// The value in its canonical form (integers as `.int`, lists expanded, aliases resolved), or nil when the kind
    /// does not accept it.
    public func normalize(_ value: ConfigValue) -> ConfigValue? {
        switch self {
        case .integer(let range):
            return Self.integer(value).flatMap { range.contains($0) ? .int($0) : nil }
        case let .integers(count, range):
            if let single = Self.integer(value) {
                return range.contains(single) ? .list(Array(repeating: .int(single), count: count)) : nil
            }
            guard case .list(let items) = value, items.count == count else { return nil }
            let ints = items.compactMap(Self.integer)
            return ints.count == count && ints.allSatisfy(range.contains) ? .list(ints.map { .int($0) }) : nil
        case .shape(let range):
            guard case .list(let items) = value else { return nil }
            let ints = items.compactMap(Self.integer)
            guard ints.count == items.count, ints.allSatisfy({ $0 == -1 || range.contains($0) }),
                  ints.filter({ $0 == -1 }).count <= 1 else { return nil }
            return .list(ints.map { .int($0) })
        case .number(let range):
            switch value {
            case .int(let i) where range.contains(Double(i)): return .double(Double(i))
            case .double(let d) where range.contains(d): return .double(d)
            default: return nil
            }
        case .boolean(let only):
            guard case .bool(let b) = value, only == nil || only == b else { return nil }
            return value
        case let .choice(names, aliases, _):
            guard case .string(let s) = value, let name = names.contains(s) ? s : aliases[s] else { return nil }
            return .string(name)
        }
    }

    /// An integral value, also when written as a whole float (`3.0`); nil for anything else.
    private static func integer(_ value: ConfigValue) -> Int? {
        switch value {
        case .int(let i): i
        case .double(let d): Int(exactly: d)
        default: nil
        }
    }

    /// What the kind accepts, worded to follow "must be": "an integer in [1, 65536]".
    public var description: String {
        switch self {
        case .integer(let range) where range.lowerBound == range.upperBound: "\(range.lowerBound) (the only value supported)"
        case .integer(let range): "an integer\(Self.text(range))"
        case let .integers(count, range):
            count == 1 ? "an integer\(Self.text(range))" : "an integer or a list of \(count) integers, each\(Self.text(range))"
        case .shape(let range): "a list of sizes\(Self.text(range)), at most one of them -1"
        case .number(let range): "a number \(range.description)"
        case .boolean(let only): only.map { "\($0) (the only value supported)" } ?? "true or false"
        case .choice(let names, _, _) where names.count == 1: "\(names[0]) (the only value supported)"
        case .choice(let names, _, _): "one of \(names.joined(separator: ", "))"
        }
    }

    private static func text(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case (Int.min, Int.max): ""
        case let (a, Int.max): " at least \(a)"
        case let (a, b): " in [\(a), \(b)]"
        }
    }
}
