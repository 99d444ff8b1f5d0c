import ModelFormats

/// `model.backbone`: a pretrained network whose pooled output is the model's input, so `layers` is only the head
/// trained on top of it. Frozen (the default), a clip's pooled output is cached; with `trainable_blocks` the
/// model's last blocks are trained with the head, from the cached input of the first of them.
public struct BackboneConfig: Sendable, Equatable {
    /// Pretrained networks soundlab can run.
    public enum Name: String, CaseIterable, Sendable { case birdnet }
    /// What the backbone hands the head.
    public enum Output: String, CaseIterable, Sendable { case embedding, scores }
    /// How a clip's windows become one example.
    public enum Pooling: String, CaseIterable, Sendable { case mean, max, attention }

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
    /// Samples of a window at the model's rate (shorter than the model's input: zero-padded to it) and between
    /// window starts; equal, windows do not overlap.
    public var windowLength: Int
    public var hopLength: Int
    /// Width of the attention pooling's hidden layer.
    public var attentionUnits: Int
    /// The model's last blocks trained with the head; 0 keeps the backbone frozen.
    public var trainableBlocks: Int

    public init(name: Name = .birdnet, file: String = defaultFile, output: Output = .embedding, pooling: Pooling = .mean,
                views: Int = 0, windowLength: Int = BirdNETBackbone.windowLength, hopLength: Int = BirdNETBackbone.windowLength,
                attentionUnits: Int = 128, trainableBlocks: Int = 0) {
        (self.name, self.file, self.output, self.pooling, self.views) = (name, file, output, pooling, views)
        (self.windowLength, self.hopLength, self.attentionUnits, self.trainableBlocks) = (windowLength, hopLength, attentionUnits, trainableBlocks)
    }

    /// Size of one pooled example: what the head's first layer sees.
    var outputSize: Int { output == .embedding ? BirdNETBackbone.embeddingSize : BirdNETBackbone.scoreCount }

    /// Whether examples are a clip's windows ([windows, values + 1], the last column marking real windows) pooled
    /// inside the model, rather than one cached pooled vector.
    var isSequence: Bool { pooling == .attention || trainableBlocks > 0 }

    /// Values per window that are cached: the pooled output's, or those entering the first trainable block.
    var windowSize: Int { trainableBlocks > 0 ? BirdNETBackbone.blockInputShape.reduce(1, *) : outputSize }

    /// One example's shape as the model is built for it (a sequence's number of windows varies, 1 stands for any).
    var exampleShape: [Int] { isSequence ? [1, windowSize + 1] : [outputSize] }

    var hasDefaultWindows: Bool { windowLength == BirdNETBackbone.windowLength && hopLength == BirdNETBackbone.windowLength }

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
        config.windowLength = r.int("window_length", default: BirdNETBackbone.windowLength, .between(4_800, Double(BirdNETBackbone.windowLength)))
        config.hopLength = r.int("hop_length", default: config.windowLength, .between(4_800, Double(BirdNETBackbone.windowLength)))
        if config.hopLength > config.windowLength {
            r.report("hop_length", "\(r.field("hop_length")) (\(config.hopLength)) must not exceed window_length (\(config.windowLength)): audio between windows would be skipped")
            ok = false
        }
        config.attentionUnits = r.int("attention_units", default: 128, .between(1, 4096))
        if r.present("attention_units") != nil, config.pooling != .attention {
            r.report("attention_units", "\(r.field("attention_units")) needs pooling: attention")
            ok = false
        }
        config.trainableBlocks = r.int("trainable_blocks", default: 0, .between(0, Double(BirdNETBackbone.blockInputs.count)))
        r.finish()
        if ok { r.context.checks.requireFile(config.file, field: r.field("file"), at: r.location(of: "file"),
                                            missing: "run `make birdnet` to fetch it") }
        return ok ? config : nil
    }

    var resolved: YAMLValue {
        Resolved.map([("name", Resolved.string(name.rawValue)), ("file", Resolved.string(file)),
                      ("output", Resolved.string(output.rawValue)), ("pooling", Resolved.string(pooling.rawValue)),
                      ("views", Resolved.int(views)), ("window_length", Resolved.int(windowLength)),
                      ("hop_length", Resolved.int(hopLength)), ("attention_units", Resolved.int(attentionUnits)),
                      ("trainable_blocks", Resolved.int(trainableBlocks))])
    }
}
