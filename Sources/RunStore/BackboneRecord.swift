/// The frozen pretrained network a run's inputs came from: which file (by checksum) and under which licence,
/// since a model made with it inherits the licence's terms.
public struct BackboneRecord: Sendable, Equatable, Codable {
    public var name: String
    public var file: String
    public var sha256: String
    public var licence: String

    public init(name: String, file: String, sha256: String, licence: String) {
        (self.name, self.file, self.sha256, self.licence) = (name, file, sha256, licence)
    }
}
