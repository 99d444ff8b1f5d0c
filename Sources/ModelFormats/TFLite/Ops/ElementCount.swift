/// The size of a result an op is about to allocate. Shapes come from the file and the inputs, so a corrupt or
/// hostile model could ask for more elements than an Int holds or memory has; past `limit` (1 GB of floats) that is
/// an op error instead of an overflow trap or a failed allocation.
enum ElementCount {
    static let limit = 1 << 28

    /// The product of `dims`, or an `OpFailure` when it overflows or passes `limit`.
    static func checked(_ dims: [Int], _ what: String = "result") throws -> Int {
        var count = 1
        for d in dims {
            guard d >= 0 else { throw OpFailure("\(what) shape \(dims) has a negative dimension") }
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, p <= limit else { throw OpFailure("\(what) shape \(dims) has more than \(limit) elements") }
            count = p
        }
        return count
    }
}
