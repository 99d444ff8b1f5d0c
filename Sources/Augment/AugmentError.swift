/// A transform built with parameters it cannot honour; the message names the parameter and the reason.
public struct AugmentError: Error, CustomStringConvertible, Equatable {
    /// One line saying which parameter is wrong and why.
    public let description: String

    /// Wraps a one-line reason.
    public init(_ description: String) { self.description = description }

    static func checkProbability(_ p: Double, _ name: String) throws {
        guard p >= 0, p <= 1 else { throw AugmentError("\(name): probability p must be in [0, 1], got \(p)") }
    }

    static func checkRange(_ lo: Double, _ hi: Double, _ name: String) throws {
        guard lo.isFinite, hi.isFinite, lo <= hi else {
            throw AugmentError("\(name): range needs finite min <= max, got [\(lo), \(hi)]")
        }
    }
}
