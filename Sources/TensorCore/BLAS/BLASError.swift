/// OpenBLAS could not be loaded the way soundlab needs it; the message says what to do.
public struct BLASError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
