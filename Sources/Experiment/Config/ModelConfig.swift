import AudioFeatures
/// The model architecture, kept as located value trees: the graph builder validates layer types and parameters
/// against its catalogue and reports errors at the layers' own `file:line:column`.
public struct ModelConfig: Sendable, Equatable {
    /// Shape of one example without the batch axis; defaults to `[features.max_frames, features.n_mels]`.
    public var inputShape: [Int]
    /// The network itself.
    public var architecture: ModelArchitecture
    /// Reusable parameterised sub-networks, by name, in the order written.
    public var blocks: [ModelBlock]
    /// A frozen pretrained network in front of the layers; nil when the layers see the features.
    public var backbone: BackboneConfig?
    /// The layer (by `name:`) whose output is the clip embedding that contrastive and prototypical training use;
    /// nil for the layer before the last.
    public var embedding: String?
    /// SimCLR's projection head on the embedding (a layer list); empty without one.
    public var projection: [YAMLValue] = []

    /// True when the model has an embedding point: an `embedding` or a `projection` is declared.
    public var hasEmbeddingPoint: Bool { embedding != nil || !projection.isEmpty }

    /// A model with no blocks.
    public init(inputShape: [Int], architecture: ModelArchitecture, blocks: [ModelBlock] = [], backbone: BackboneConfig? = nil) {
        self.inputShape = inputShape
        self.architecture = architecture
        self.blocks = blocks
        self.backbone = backbone
    }
}

/// A network: a sequential list of layers or a named DAG.
public enum ModelArchitecture: Sendable, Equatable {
    /// Layers applied in order; each is a mapping with `type` (or `op`), optional `name`, and its parameters.
    case sequential([YAMLValue])
    /// Named nodes, each `{op, inputs: [names], ...params}`.
    case graph(ModelGraph)
}

/// A named DAG of nodes.
public struct ModelGraph: Sendable, Equatable {
    /// The name the graph's input is referred to by in `inputs` lists.
    public var input: String
    /// The node whose output is the graph's output.
    public var output: String
    /// The nodes in the order written; keys are node names.
    public var nodes: [ConfigEntry]

    /// A graph from its parts.
    public init(input: String, output: String, nodes: [ConfigEntry]) {
        self.input = input
        self.output = output
        self.nodes = nodes
    }
}

/// A reusable sub-network whose layers or nodes may refer to `$param` placeholders.
public struct ModelBlock: Sendable, Equatable {
    /// The name layers use (as their `type`/`op`) to instantiate the block.
    public var name: String
    /// Parameter names with their default values, in the order written.
    public var params: [ConfigEntry]
    /// The block body.
    public var body: ModelArchitecture

    /// A block from its parts.
    public init(name: String, params: [ConfigEntry], body: ModelArchitecture) {
        self.name = name
        self.params = params
        self.body = body
    }
}

extension ModelConfig {
    /// Reads `model`; `required` is false for abstract files, which may leave the architecture to their children.
    init(_ r: ConfigReader, features: FeatureSettings, required: Bool) {
        backbone = r.present("backbone").flatMap { _ in BackboneConfig.read(r.child("backbone")) }
        let defaultShape = backbone.map(\.exampleShape) ?? [features.maxFrames, features.nMels]
        if let v = r.present("input_shape") {
            let dims = v.items?.compactMap { r.checkedInt($0, field: r.field("input_shape"), .atLeast(1)) }
            if let dims, dims.count == v.items?.count, !dims.isEmpty {
                inputShape = dims
            } else {
                if dims == nil || v.items?.isEmpty == true {
                    r.sink.report(v.location, "\(r.field("input_shape")) must be a list of positive integers, got \(v)")
                }
                inputShape = defaultShape
            }
        } else {
            inputShape = defaultShape
        }
        if backbone != nil, inputShape != defaultShape, let v = r.present("input_shape") {
            r.sink.report(v.location, "\(r.field("input_shape")) must be \(defaultShape) with a backbone (its pooled output), got \(inputShape)")
        }
        architecture = Self.architecture(r, required: required, what: r.path)
        blocks = []
        if let e = r.present("embedding") {
            if let name = e.string, !name.isEmpty { embedding = name } else {
                r.sink.report(e.location, "\(r.field("embedding")) must name a layer (its name:), got \(e)")
            }
        }
        if let p = r.present("projection") {
            if let items = p.items, !items.isEmpty {
                for (i, item) in items.enumerated() { Self.checkOp(item, field: "\(r.field("projection")).\(i)", sink: r.sink) }
                projection = items
            } else {
                r.sink.report(p.location, "\(r.field("projection")) must be a non-empty list of layers, got \(p)")
            }
        }
        let isGraph = if case .graph = architecture { true } else { false }
        if embedding != nil || !projection.isEmpty, backbone != nil || isGraph {
            r.sink.report((r.present("embedding") ?? r.present("projection"))!.location,
                          "\(r.path).embedding and projection need a list of layers without a backbone")
        }
        if let blocksValue = r.present("blocks") {
            if let entries = blocksValue.entries {
                for entry in entries {
                    let b = ConfigReader(entry.value, path: "\(r.field("blocks")).\(entry.key)",
                                         fallback: entry.keyLocation, sink: r.sink)
                    var params: [ConfigEntry] = []
                    if let p = b.present("params") {
                        if let pe = p.entries { params = pe } else {
                            r.sink.report(p.location, "\(b.field("params")) must be a mapping of name: default, got \(p)")
                        }
                    }
                    let body = Self.architecture(b, required: true, what: b.path)
                    b.finish()
                    blocks.append(ModelBlock(name: entry.key, params: params, body: body))
                }
            } else {
                r.sink.report(blocksValue.location, "\(r.field("blocks")) must be a mapping of block name: definition, got \(blocksValue)")
            }
        }
        r.finish()
    }

    /// Reads `layers:` or `input`/`output`/`nodes:` from `r` (a model or a block).
    private static func architecture(_ r: ConfigReader, required: Bool, what: String) -> ModelArchitecture {
        let layers = r.present("layers")
        let nodes = r.present("nodes")
        let input = r.value("input"), output = r.value("output")
        switch (layers, nodes) {
        case (let l?, _?):
            r.sink.report(l.location, "\(what) has both layers and nodes: use one (a list of layers or a named graph)")
            return .sequential([])
        case (let l?, nil):
            if let stray = input ?? output {
                r.sink.report(stray.location, "\(what): input and output belong to a graph (nodes), not to layers")
            }
            guard let items = l.items else {
                r.sink.report(l.location, "\(r.field("layers")) must be a list of layers, got \(l)")
                return .sequential([])
            }
            if items.isEmpty, required {
                r.sink.report(l.location, "\(r.field("layers")) must have at least one layer")
            }
            for (i, item) in items.enumerated() { checkOp(item, field: "\(r.field("layers")).\(i)", sink: r.sink) }
            return .sequential(items)
        case (nil, let n?):
            guard let entries = n.entries else {
                r.sink.report(n.location, "\(r.field("nodes")) must be a mapping of node name: node, got \(n)")
                return .sequential([])
            }
            if entries.isEmpty { r.sink.report(n.location, "\(r.field("nodes")) must have at least one node") }
            for entry in entries {
                checkOp(entry.value, field: "\(r.field("nodes")).\(entry.key)", sink: r.sink)
                if let inputs = entry.value["inputs"],
                   inputs.string == nil, inputs.items?.allSatisfy({ $0.string != nil }) != true {
                    r.sink.report(inputs.location, "\(r.field("nodes")).\(entry.key).inputs must be a list of node names, got \(inputs)")
                }
            }
            let inputName = r.string("input", default: "")
            let outputName = r.string("output", default: "")
            if inputName.isEmpty { r.sink.report(r.location, "\(what) has nodes, so it needs input: <name of the graph input>") }
            if outputName.isEmpty { r.sink.report(r.location, "\(what) has nodes, so it needs output: <name of a node>") }
            return .graph(ModelGraph(input: inputName, output: outputName, nodes: entries))
        case (nil, nil):
            if required {
                r.sink.report(r.location, "\(what) needs layers (a list) or nodes (a named graph)")
            }
            return .sequential([])
        }
    }

    /// Layer contents are the graph builder's business; only the shape that lets it find the op is checked here.
    private static func checkOp(_ item: YAMLValue, field: String, sink: DiagnosticSink) {
        guard item.entries != nil else {
            sink.report(item.location, "\(field) must be a mapping with a type, got \(item)")
            return
        }
        switch (item["type"], item["op"]) {
        case (nil, nil): sink.report(item.location, "\(field) needs a type (or op)")
        case (_?, _?): sink.report(item.location, "\(field) has both type and op: use one")
        case (let t?, nil), (nil, let t?):
            if t.string?.isEmpty != false { sink.report(t.location, "\(field) type must be a name, got \(t)") }
        }
    }

    var resolved: YAMLValue {
        var pairs: [(String, YAMLValue)] = [("input_shape", Resolved.list(inputShape.map(Resolved.int)))]
        // Written only when present, so the configs (and run identities) of models without one are unchanged.
        if let backbone { pairs.append(("backbone", backbone.resolved)) }
        pairs += Self.resolved(architecture)
        if let embedding { pairs.append(("embedding", Resolved.string(embedding))) }
        if !projection.isEmpty { pairs.append(("projection", Resolved.list(projection))) }
        if !blocks.isEmpty {
            pairs.append(("blocks", Resolved.map(blocks.map { block in
                (block.name, Resolved.map([("params", YAMLValue(.map(block.params), at: Resolved.location))]
                                          + Self.resolved(block.body)))
            })))
        }
        return Resolved.map(pairs)
    }

    private static func resolved(_ architecture: ModelArchitecture) -> [(String, YAMLValue)] {
        switch architecture {
        case .sequential(let layers):
            return [("layers", Resolved.list(layers))]
        case .graph(let g):
            return [("input", Resolved.string(g.input)), ("output", Resolved.string(g.output)),
                    ("nodes", YAMLValue(.map(g.nodes), at: Resolved.location))]
        }
    }
}
