import ModelFormats

/// `model.backbone`: a frozen pretrained network whose pooled output is the model's input, so `layers` is only
/// the head trained on top of it.
public struct BackboneConfig: Sendable, Equatable {
    /// Pretrained networks soundlab can run.
    public enum Name: String, CaseIterable, Sendable { case birdnet }
    /// What the backbone hands the head.
    public enum Output: String, CaseIterable, Sendable { case embedding, scores }
    /// How a clip's windows become one example.
    public enum Pooling: String, CaseIterable, Sendable { case mean, max }

    public static let defaultFile = "models/birdnet/\(BirdNETBackbone.modelFileName)"
    public static let licence = "CC BY-NC-SA 4.0"

    public var name: Name
    /// The model file, relative to the directory soundlab runs from.
    public var file: String
    public var output: Output
    public var pooling: Pooling
    /// Augmented copies of each training clip embedded once (cached), one of them or the clean clip drawn per
    /// epoch; 0 means no augmentation reaches the head.
    public var views: Int

    public init(name: Name = .birdnet, file: String = defaultFile, output: Output = .embedding, pooling: Pooling = .mean,
                views: Int = 0) {
        (self.name, self.file, self.output, self.pooling, self.views) = (name, file, output, pooling, views)
    }

    /// Size of one pooled example.
    var outputSize: Int { output == .embedding ? BirdNETBackbone.embeddingSize : BirdNETBackbone.scoreCount }

    /// Reads `model.backbone`; nil (after reporting) when it cannot be used.
    static func read(_ r: ConfigReader) -> BackboneConfig? {
        var ok = true
        var config = BackboneConfig()
        if let v = r.present("name") {
            if let n = r.checkedChoice(v, field: r.field("name"), as: Name.self) { config.name = n } else { ok = false }
        } else {
            r.sink.report(r.location, "\(r.path) needs a name (one of \(Name.allCases.map(\.rawValue).joined(separator: ", ")))")
            ok = false
        }
        config.file = r.string("file", default: defaultFile)
        if let v = r.present("output") {
            if let o = r.checkedChoice(v, field: r.field("output"), as: Output.self) { config.output = o } else { ok = false }
        }
        config.pooling = r.choice("pooling", default: .mean)
        config.views = r.int("views", default: 0, .between(0, 64))
        r.finish()
        if ok { r.context.checks.requireFile(config.file, field: r.field("file"), at: r.location(of: "file"),
                                            missing: "run `make birdnet` to fetch it") }
        return ok ? config : nil
    }

    var resolved: YAMLValue {
        Resolved.map([("name", Resolved.string(name.rawValue)), ("file", Resolved.string(file)),
                      ("output", Resolved.string(output.rawValue)), ("pooling", Resolved.string(pooling.rawValue)),
                      ("views", Resolved.int(views))])
    }
}
