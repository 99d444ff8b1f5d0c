import NN
import TensorCore

/// A model compiled from the `model` section, with its layer table.
public struct BuiltModel {
    /// The network, built for `inputShape` and initialised.
    public let module: any Module
    /// One example's shape, batch excluded.
    public let inputShape: [Int]
    /// The `--dry-run` table: one row per layer.
    public let summary: [SummaryRow]

    /// The layer table as Keras's `summary()` prints it: name, op, output shape, parameters, and the totals.
    public var table: String {
        let header = ["layer", "op", "output shape", "params"]
        let body = summary.map { [$0.name, $0.op, formatShape($0.outputShape), "\($0.parameterCount)"] }
        let widths = header.indices.map { c in ([header] + body).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, v in
                c == 3 ? String(repeating: " ", count: widths[c] - v.count) + v : v.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 6)
        let trainable = module.trainableParameterCount, total = module.parameterCount
        return ([line(header), rule] + body.map(line) + [rule,
                "total params: \(total)", "trainable params: \(trainable)", "non-trainable params: \(total - trainable)"])
            .joined(separator: "\n")
    }
}

/// Compiles `model.layers` / `model.nodes` / `model.blocks` into an NN module, reporting every problem at the
/// `file:line:column` of the layer that caused it. New architectures are YAML: nothing here knows a model.
public enum GraphBuilder {
    /// YAML spellings of the layer catalogue; Keras class names are accepted as well.
    static let aliases: [String: String] = [
        "dense": "Dense", "conv1d": "Conv1D", "conv2d": "Conv2D", "depthwise_conv2d": "DepthwiseConv2D",
        "batch_norm": "BatchNormalization", "layer_norm": "LayerNormalization", "dropout": "Dropout",
        "max_pool1d": "MaxPooling1D", "avg_pool1d": "AveragePooling1D", "max_pool2d": "MaxPooling2D",
        "avg_pool2d": "AveragePooling2D", "global_avg_pool1d": "GlobalAveragePooling1D",
        "global_avg_pool2d": "GlobalAveragePooling2D", "flatten": "Flatten", "reshape": "Reshape",
        "activation": "Activation", "embedding": "Embedding", "positional_embedding": "PositionalEmbedding",
        "multi_head_attention": "MultiHeadAttention", "gru": "GRU", "bidirectional": "Bidirectional",
        "add": "Add", "concatenate": "Concatenate",
    ]
    /// Keys that place a layer rather than configure it.
    static let structuralKeys: Set<String> = ["type", "op", "name", "inputs"]

    /// Builds and initialises the model for `classCount` classes (the symbol `classes` resolves to it).
    public static func build(_ model: ModelConfig, classCount: Int, seed: UInt64) throws(ConfigError) -> BuiltModel {
        var builder = Builder(blocks: Dictionary(model.blocks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
                              symbols: ["classes": .int(classCount)])
        let input = [-1] + model.inputShape
        let module: any Module
        do {
            module = try builder.compile(model.architecture, input: input, bindings: [:], path: "model")
        } catch let e as ConfigError {
            throw e
        } catch {
            throw ConfigError([ConfigDiagnostic(SourceLocation(file: "model", line: 0, column: 0), "\(error)")])
        }
        module.initializeParameters(seed: seed)
        let summary = (try? module.summary(inputShapes: [input])) ?? []
        return BuiltModel(module: module, inputShape: model.inputShape, summary: summary)
    }

    private struct Builder {
        let blocks: [String: ModelBlock]
        let symbols: [String: NN.ConfigValue]
        var depth = 0

        /// Compiles an architecture for an input shape; `bindings` are the enclosing block's `$params`.
        mutating func compile(_ arch: ModelArchitecture, input: [Int], bindings: [String: ConfigValue],
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

        private func inputNames(_ v: ConfigValue) -> [String] {
            if let s = v["inputs"]?.string { return [s] }
            return v["inputs"]?.items?.compactMap(\.string) ?? []
        }

        /// One layer or block use: creates it, builds it for `inputs`, returns it with its output shape.
        mutating func layer(_ item: ConfigValue, inputs: [[Int]], bindings: [String: ConfigValue],
                            label: String) throws -> (any Module, [Int]) {
            let typeValue = item["type"] ?? item["op"]
            let type = typeValue?.string ?? ""
            let options = (item.entries ?? []).filter { !GraphBuilder.structuralKeys.contains($0.key) }
            if let block = blocks[type] {
                return try use(block, item: item, options: options, inputs: inputs, bindings: bindings, label: label)
            }
            guard let kerasName = GraphBuilder.aliases[type] ?? (LayerRegistry.typeNames.contains(type) ? type : nil) else {
                let known = Array(GraphBuilder.aliases.keys) + Array(blocks.keys)
                throw located(typeValue ?? item, "\(label): unknown layer type '\(type)'\(Suggestion.hint(for: type, in: known))")
            }
            var converted: [String: NN.ConfigValue] = [:]
            for entry in options {
                converted[entry.key] = try value(entry.value, bindings: bindings, label: "\(label).\(entry.key)")
            }
            let module: any Module
            do {
                module = try LayerRegistry.make(LayerConfig(type: kerasName, options: converted))
            } catch {
                // A misspelt required option ('filter' for 'filters') fails here, before the unknown-key check below:
                // name the misspelling, which is what the user has to edit.
                if let required = GraphBuilder.missingOption(in: "\(error)"),
                   let typo = options.first(where: { Suggestion.nearest(to: $0.key, in: [required]) != nil }) {
                    throw located(typo.keyLocation, "unknown key '\(typo.key)' in \(type) layer (did you mean '\(required)'?)")
                }
                throw located(item, "\(label) (\(type)): \(error)")
            }
            // The layer's own config lists every option it knows; anything else the user wrote is a typo.
            let known = Set(module.config.options.keys)
            for entry in options where !known.contains(entry.key) {
                throw located(entry.keyLocation, "unknown key '\(entry.key)' in \(type) layer\(Suggestion.hint(for: entry.key, in: known.sorted()))")
            }
            do {
                let out = try module.build(inputShapes: inputs)
                return (module, out)
            } catch {
                throw located(item, "\(label) (\(type)) \(GraphBuilder.withoutOpName("\(error)"))")
            }
        }

        /// Instantiates a block: its `params` defaults overridden by the options written at the use site.
        mutating func use(_ block: ModelBlock, item: ConfigValue, options: [ConfigEntry], inputs: [[Int]],
                          bindings: [String: ConfigValue], label: String) throws -> (any Module, [Int]) {
            guard depth < 16 else { throw located(item, "\(label): blocks nest more than 16 deep (a block using itself?)") }
            var inner: [String: ConfigValue] = [:]
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
        func substitute(_ v: ConfigValue, _ bindings: [String: ConfigValue]) throws -> ConfigValue {
            switch v.kind {
            case .string(let s) where s.hasPrefix("$"):
                let key = String(s.dropFirst())
                guard let bound = bindings[key] else {
                    throw located(v, "'\(s)' is not a parameter of the enclosing block\(Suggestion.hint(for: key, in: bindings.keys.sorted()))")
                }
                return bound
            case .list(let items):
                return ConfigValue(.list(try items.map { try substitute($0, bindings) }), at: v.location)
            default:
                return v
            }
        }

        /// A YAML value as a layer option: `$param` and symbols such as `classes` resolved.
        func value(_ v: ConfigValue, bindings: [String: ConfigValue], label: String) throws -> NN.ConfigValue {
            let v = try substitute(v, bindings)
            switch v.kind {
            case .int(let i): return .int(i)
            case .double(let d): return .double(d)
            case .bool(let b): return .bool(b)
            case .string(let s): return symbols[s] ?? .string(s)
            case .list(let items): return .list(try items.map { try value($0, bindings: bindings, label: label) })
            case .null, .map: throw located(v, "\(label) must be a number, string, boolean or list, got \(v)")
            }
        }
    }

    /// The option a layer constructor reported as required but absent ("Conv1D: option 'filters' must be ..., got nothing").
    static func missingOption(in message: String) -> String? {
        guard message.hasSuffix(", got nothing"),
              let match = message.firstMatch(of: #/option '([A-Za-z0-9_]+)' must be /#) else { return nil }
        return String(match.1)
    }

    /// "conv2d expects [N,H,W,C], got [N,7872]" → "expects [N,H,W,C], got [N,7872]": the label already names the op.
    static func withoutOpName(_ message: String) -> String {
        guard let match = message.firstMatch(of: #/^[a-z0-9_]+ ((expects|takes|needs) .*)$/#) else { return message }
        return String(match.1)
    }

    static func located(_ v: ConfigValue?, _ message: String) -> ConfigError {
        ConfigError([ConfigDiagnostic(v?.location ?? SourceLocation(file: "model", line: 0, column: 0), message)])
    }

    static func located(_ l: SourceLocation, _ message: String) -> ConfigError {
        ConfigError([ConfigDiagnostic(l, message)])
    }
}
