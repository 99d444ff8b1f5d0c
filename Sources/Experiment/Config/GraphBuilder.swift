import Foundation
import ModelFormats
import NN
import TensorCore

/// Compiles `model.layers` / `model.nodes` / `model.blocks` into an NN module, reporting every problem at the
/// `file:line:column` of the layer that caused it. New architectures are YAML: nothing here knows a model.
public enum GraphBuilder {
    /// Keys that place a layer rather than configure it.
    static let structuralKeys: Set<String> = ["type", "op", "name", "inputs"]

    /// Builds and initialises the model for `classCount` classes (the symbol `classes` resolves to it).
    /// With a `budget`, a model whose training would not fit (batch `batchSize`) is refused before its weights are
    /// allocated.
    public static func build(_ model: ModelConfig, classCount: Int, seed: UInt64, budget: MemoryBudget? = nil,
                             batchSize: Int = 1) throws(ConfigError) -> BuiltModel {
        var builder = Builder(blocks: Dictionary(model.blocks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
                              symbols: ["classes": .int(classCount)])
        let input = [-1] + model.inputShape
        let module: any Module
        var tail: BackboneTail?
        do {
            if let backbone = model.backbone, backbone.isSequence {
                // The layers are the head on one pooled vector; the pooling (and the backbone's trained top) go first.
                let head = try builder.compile(model.architecture, input: [-1, backbone.outputSize], bindings: [:], path: "model")
                tail = try Self.trainableTop(backbone)
                let pooling = WindowPooling(mode: WindowPooling.Mode(rawValue: backbone.pooling.rawValue)!, units: backbone.attentionUnits)
                let wrapped = Sequential(named: (tail.map { [("backbone", $0 as any Module)] } ?? []) + [("pooling", pooling), ("head", head)])
                _ = try wrapped.build(inputShapes: [input])
                module = wrapped
            } else if case .sequential(let items) = model.architecture,
                      model.hasEmbeddingPoint || Self.endsInPrototypes(items) {
                module = try embeddingNetwork(model, items: items, input: input, builder: &builder)
            } else {
                module = try builder.compile(model.architecture, input: input, bindings: [:], path: "model")
            }
        } catch let e as ConfigError {
            throw e
        } catch {
            throw ConfigError([ConfigDiagnostic(SourceLocation(file: "model", line: 0, column: 0), "\(error)")])
        }
        let summary = (try? module.summary(inputShapes: [input])) ?? []
        if let budget {
            let bytes = MemoryBudget.estimate(parameters: module.parameterCount, layerOutputs: summary.map(\.outputShape),
                                              batchSize: batchSize)
            try budget.check(estimate: bytes, parameters: module.parameterCount, batchSize: batchSize)
        }
        module.initializeParameters(seed: seed)
        tail?.restorePretrained()
        return BuiltModel(module: module, inputShape: model.inputShape, summary: summary)
    }

    /// True when the last layer is a `nearest_prototype`, which classifies the embedding it is given.
    private static func endsInPrototypes(_ items: [YAMLValue]) -> Bool {
        let type = items.last.flatMap { $0["type"]?.string ?? $0["op"]?.string } ?? ""
        return LayerRegistry.kind(named: type)?.name == "NearestPrototype"
    }

    /// The layers with their embedding point (`model.embedding`, or the layer before the last) and the projection
    /// head built on its output.
    private static func embeddingNetwork(_ model: ModelConfig, items: [YAMLValue], input: [Int],
                                         builder: inout Builder) throws -> EmbeddingNetwork {
        guard let body = try builder.compile(model.architecture, input: input, bindings: [:], path: "model") as? Sequential else {
            throw located(items.first, "model.embedding needs a list of layers")
        }
        let index: Int
        if let name = model.embedding {
            guard let i = body.layers.firstIndex(where: { $0.name == name }) else {
                throw located(SourceLocation(file: "model", line: 0, column: 0),
                              "model.embedding names '\(name)', which is not a layer's name:\(Suggestion.hint(for: name, in: body.layers.map(\.name)))")
            }
            index = i
        } else {
            guard body.layers.count >= 2 else {
                throw located(items.first, "model.projection needs at least two layers: the embedding is the output of the layer before the last")
            }
            index = body.layers.count - 2
        }
        var projection: (any Module)?
        if !model.projection.isEmpty {
            let shape = try EmbeddingNetwork(body: body, embeddingLayer: index, projection: nil).embeddingShape([input])
            projection = try builder.compile(.sequential(model.projection), input: shape, bindings: [:], path: "model.projection")
        }
        let network = EmbeddingNetwork(body: body, embeddingLayer: index, projection: projection)
        _ = try network.build(inputShapes: [input])
        return network
    }

    /// The backbone's last blocks as a trainable module, or nil when it is frozen.
    private static func trainableTop(_ backbone: BackboneConfig) throws -> BackboneTail? {
        guard backbone.trainableBlocks > 0 else { return nil }
        do {
            let model = try BirdNETBackbone.load(URL(fileURLWithPath: backbone.file))
            return BackboneTail(try model.trainableTop(blocks: backbone.trainableBlocks, toScores: backbone.output == .scores),
                                windowShape: BirdNETBackbone.blockInputShape)
        } catch {
            throw ConfigError([ConfigDiagnostic(SourceLocation(file: "model.backbone", line: 0, column: 0), "\(error)")])
        }
    }

    private struct Builder {
        let blocks: [String: ModelBlock]
        let symbols: [String: NN.ConfigValue]
        var depth = 0

        /// Compiles an architecture for an input shape; `bindings` are the enclosing block's `$params`.
        mutating func compile(_ arch: ModelArchitecture, input: [Int], bindings: [String: YAMLValue],
                              path: String) throws -> any Module {
            switch arch {
            case .sequential(let items):
                var shape = input
                var layers: [(String, any Module)] = []
                var used = Set<String>()
                for (i, item) in items.enumerated() {
                    let name = item["name"]?.string ?? String(i)
                    guard used.insert(name).inserted, !name.contains(".") else {
                        throw located(item["name"] ?? item, "layer name '\(name)' is used twice or contains a dot")
                    }
                    let label = item["name"]?.string.map { "layer \($0)" } ?? "\(path).layers.\(i)"
                    let (m, out) = try layer(item, inputs: [shape], bindings: bindings, label: label)
                    layers.append((name, m))
                    shape = out
                }
                return Sequential(named: layers)
            case .graph(let g):
                var shapes: [String: [Int]] = [g.input: input]
                var nodes: [GraphNode] = []
                var pending = g.nodes
                // Nodes may be written in any order: build each once all its inputs are known.
                while !pending.isEmpty {
                    guard let k = pending.firstIndex(where: { e in inputNames(e.value).allSatisfy { shapes[$0] != nil } }) else {
                        let e = pending[0]
                        let missing = inputNames(e.value).filter { shapes[$0] == nil }
                        let known = Array(shapes.keys) + g.nodes.map(\.key)
                        throw located(e.value["inputs"] ?? e.value,
                                      "node \(e.key) takes input '\(missing.first ?? "?")', which is not the graph input or a node that can run before it\(Suggestion.hint(for: missing.first ?? "", in: known))")
                    }
                    let e = pending.remove(at: k)
                    let ins = inputNames(e.value)
                    let (m, out) = try layer(e.value, inputs: ins.map { shapes[$0]! }, bindings: bindings, label: "node \(e.key)")
                    shapes[e.key] = out
                    nodes.append(GraphNode(e.key, m, inputs: ins))
                }
                guard shapes[g.output] != nil else {
                    throw ConfigError([ConfigDiagnostic(g.nodes.first?.keyLocation ?? SourceLocation(file: "model", line: 0, column: 0),
                                                        "graph output '\(g.output)' is not a node\(Suggestion.hint(for: g.output, in: g.nodes.map(\.key)))")])
                }
                do {
                    return try Graph(inputs: [g.input], nodes: nodes, output: g.output)
                } catch {
                    throw located(g.nodes.first?.value, "\(error)")
                }
            }
        }

        private func inputNames(_ v: YAMLValue) -> [String] {
            if let s = v["inputs"]?.string { return [s] }
            return v["inputs"]?.items?.compactMap(\.string) ?? []
        }

        /// One layer or block use: creates it, builds it for `inputs`, returns it with its output shape.
        mutating func layer(_ item: YAMLValue, inputs: [[Int]], bindings: [String: YAMLValue],
                            label: String) throws -> (any Module, [Int]) {
            let typeValue = item["type"] ?? item["op"]
            let type = typeValue?.string ?? ""
            let options = (item.entries ?? []).filter { !GraphBuilder.structuralKeys.contains($0.key) }
            if let block = blocks[type] {
                return try use(block, item: item, options: options, inputs: inputs, bindings: bindings, label: label)
            }
            guard let kind = LayerRegistry.kind(named: type) else {
                // YAML spellings first, so a near miss suggests the spelling the docs use.
                let known = LayerRegistry.kinds.map(\.yamlName) + blocks.keys.sorted() + LayerRegistry.typeNames
                throw located(typeValue ?? item, "\(label): unknown layer type '\(YAMLValue.oneLine(type))'\(Suggestion.hint(for: type, in: known))")
            }
            let keys = kind.options.map(\.key)
            for entry in options where !keys.contains(entry.key) {
                throw located(entry.keyLocation, "unknown key '\(entry.key)' in \(type) layer\(Suggestion.hint(for: entry.key, in: keys))")
            }
            var written: [String: YAMLValue] = [:], converted: [String: NN.ConfigValue] = [:]
            for entry in options {
                written[entry.key] = try substitute(entry.value, bindings)
                converted[entry.key] = try value(written[entry.key]!, label: "\(label).\(entry.key)")
            }
            let module: any Module
            do {
                module = kind.make(try kind.check(converted, as: type))
            } catch {
                throw GraphBuilder.located(error, item: item, written: written, label: "\(label) (\(type))")
            }
            do {
                return (module, try module.build(inputShapes: inputs))
            } catch let e as ShapeError {
                // The label already names the op.
                throw located(item, "\(label) (\(type)) \(e.op == nil ? e.description : e.problem)")
            }
        }

        /// Instantiates a block: its `params` defaults overridden by the options written at the use site.
        mutating func use(_ block: ModelBlock, item: YAMLValue, options: [ConfigEntry], inputs: [[Int]],
                          bindings: [String: YAMLValue], label: String) throws -> (any Module, [Int]) {
            guard depth < 16 else { throw located(item, "\(label): blocks nest more than 16 deep (a block using itself?)") }
            var inner: [String: YAMLValue] = [:]
            for p in block.params { inner[p.key] = try substitute(p.value, bindings) }
            let declared = Set(block.params.map(\.key))
            for entry in options {
                guard declared.contains(entry.key) else {
                    throw located(entry.keyLocation, "unknown parameter '\(entry.key)' for block \(block.name)\(Suggestion.hint(for: entry.key, in: declared.sorted()))")
                }
                inner[entry.key] = try substitute(entry.value, bindings)
            }
            guard inputs.count == 1 else { throw located(item, "\(label): block \(block.name) takes one input, got \(inputs.count)") }
            depth += 1
            defer { depth -= 1 }
            let m = try compile(block.body, input: inputs[0], bindings: inner, path: "\(label) (block \(block.name))")
            return (m, try m.outputShape(for: inputs))
        }

        /// Replaces `$name` strings by the bound values, recursively.
        func substitute(_ v: YAMLValue, _ bindings: [String: YAMLValue]) throws -> YAMLValue {
            switch v.kind {
            case .string(let s) where s.hasPrefix("$"):
                let key = String(s.dropFirst())
                guard let bound = bindings[key] else {
                    throw located(v, "'\(s)' is not a parameter of the enclosing block\(Suggestion.hint(for: key, in: bindings.keys.sorted()))")
                }
                return bound
            case .list(let items):
                return YAMLValue(.list(try items.map { try substitute($0, bindings) }), at: v.location)
            default:
                return v
            }
        }

        /// A YAML value (its `$param`s already substituted) as a layer option, symbols such as `classes` resolved.
        func value(_ v: YAMLValue, label: String) throws -> NN.ConfigValue {
            switch v.kind {
            case .int(let i): return .int(i)
            case .double(let d): return .double(d)
            case .bool(let b): return .bool(b)
            case .string(let s): return symbols[s] ?? .string(s)
            case .list(let items): return .list(try items.map { try value($0, label: label) })
            case .null, .map: throw located(v, "\(label) must be a number, string, boolean or list, got \(v)")
            }
        }
    }

    /// A layer option the catalogue refused, at the value written (or at the layer, for a missing one), with the
    /// values the option accepts and, for a misspelt name, the nearest one.
    static func located(_ error: LayerConfigError, item: YAMLValue, written: [String: YAMLValue], label: String) -> ConfigError {
        let key = error.option ?? ""
        switch error.problem {
        case .missing(let kind):
            return located(item, "\(label) needs \(key), \(kind.description)")
        case let .invalid(kind, got):
            let v = written[key]
            var hint = ""
            if case .choice(let names, _, _) = kind, let s = v?.string { hint = Suggestion.hint(for: s, in: names) }
            let shown = v?.description ?? got.description
            return located(v ?? item, "\(label): \(key) must be \(kind.description), got \(shown)\(hint)")
        case .unknownType, .unknownOption:
            return located(item, "\(label): \(error.detail)")
        }
    }

    static func located(_ v: YAMLValue?, _ message: String) -> ConfigError {
        ConfigError([ConfigDiagnostic(v?.location ?? SourceLocation(file: "model", line: 0, column: 0), message)])
    }

    static func located(_ l: SourceLocation, _ message: String) -> ConfigError {
        ConfigError([ConfigDiagnostic(l, message)])
    }
}
