/// A layer cannot accept an input shape (or a config is invalid); the message names the layer and both shapes.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    /// One line: e.g. "conv2d expects [N,H,W,C], got [N,7872]".
    public let description: String
    /// An error with this message.
    public init(_ message: String) { description = message }
}

/// Renders a shape with the batch dimension as N: [N,40,101,1].
public func formatShape(_ shape: [Int]) -> String {
    "[" + shape.enumerated().map { $0.offset == 0 ? "N" : String($0.element) }.joined(separator: ",") + "]"
}

/// Checks a single-input module received exactly one shape of the expected rank.
func singleInput(_ shapes: [[Int]], _ op: String, rank: Int? = nil, layout: String = "") throws -> [Int] {
    guard shapes.count == 1 else { throw ShapeError("\(op) takes one input, got \(shapes.count)") }
    let s = shapes[0]
    if let rank, s.count != rank { throw ShapeError("\(op) expects \(layout), got \(formatShape(s))") }
    return s
}
