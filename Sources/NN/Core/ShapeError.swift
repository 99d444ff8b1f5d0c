/// A layer cannot accept an input shape (or a model or weights do not fit together); the message names the layer
/// and both shapes.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    /// The op that refused ("conv2d"), nil when the message names no single op.
    public let op: String?
    /// What is wrong, without the op: "expects [N,H,W,C], got [N,7872]".
    public let problem: String
    /// One line: e.g. "conv2d expects [N,H,W,C], got [N,7872]".
    public var description: String { op.map { "\($0) \(problem)" } ?? problem }
    /// An error with this message.
    public init(_ message: String) { op = nil; problem = message }
    /// An error of `op`, `problem` phrased to follow its name ("expects ...", "kernel 3 does not fit ...").
    public init(op: String, _ problem: String) { self.op = op; self.problem = problem }
    /// Equal when they read the same.
    public static func == (a: ShapeError, b: ShapeError) -> Bool { a.description == b.description }
}

/// Renders a shape with the batch dimension as N: [N,40,101,1].
public func formatShape(_ shape: [Int]) -> String {
    "[" + shape.enumerated().map { $0.offset == 0 ? "N" : String($0.element) }.joined(separator: ",") + "]"
}

/// Checks a single-input module received exactly one shape of the expected rank.
func singleInput(_ shapes: [[Int]], _ op: String, rank: Int? = nil, layout: String = "") throws -> [Int] {
    guard shapes.count == 1 else { throw ShapeError(op: op, "takes one input, got \(shapes.count)") }
    let s = shapes[0]
    if let rank, s.count != rank { throw ShapeError(op: op, "expects \(layout), got \(formatShape(s))") }
    return s
}
