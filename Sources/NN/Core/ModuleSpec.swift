/// A whole architecture as data: a layer config, a sequential list, or a named DAG — nestable, Codable, and
/// compiled into a `Module` by `build()`. `ModuleSpec(of:)` reads one back from a module, so a model's structure
/// round-trips through JSON/YAML.
public indirect enum ModuleSpec: Codable, Equatable, Sendable {
    /// One layer from the registry.
    case layer(LayerConfig)
    /// Layers in order; a nil name means "its position".
    case sequential([SequentialItem])
    /// A DAG with named inputs, nodes and one output node.
    case graph(inputs: [String], nodes: [GraphNodeSpec], output: String)

    /// One entry of a sequential spec.
    public struct SequentialItem: Codable, Equatable, Sendable {
        /// Path component; nil means the position.
        public var name: String?
        /// What runs there.
        public var spec: ModuleSpec
        /// An entry.
        public init(name: String? = nil, _ spec: ModuleSpec) { self.name = name; self.spec = spec }
    }

    /// One node of a graph spec.
    public struct GraphNodeSpec: Codable, Equatable, Sendable {
        /// Unique node name.
        public var name: String
        /// What runs there.
        public var spec: ModuleSpec
        /// Graph inputs or node names feeding it.
        public var inputs: [String]
        /// A node.
        public init(name: String, _ spec: ModuleSpec, inputs: [String]) { self.name = name; self.spec = spec; self.inputs = inputs }
    }

    /// A new, unbuilt module for this spec; errors name the path of the offending entry.
    public func build(path: String = "") throws -> any Module {
        func at(_ name: String) -> String { path.isEmpty ? name : path + "." + name }
        func wrap<R>(_ p: String, _ body: () throws -> R) throws -> R {
            do { return try body() } catch let e as ShapeError where !p.isEmpty && !e.description.hasPrefix(p) {
                throw ShapeError("\(p): \(e.description)")
            } catch let e as LayerConfigError where !p.isEmpty {
                throw ShapeError("\(p): \(e.description)")
            }
        }
        switch self {
        case .layer(let config):
            return try wrap(path) { try LayerRegistry.make(config) }
        case .sequential(let items):
            let named = items.allSatisfy { $0.name != nil }, unnamed = items.allSatisfy { $0.name == nil }
            guard named || unnamed else { throw ShapeError("\(path.isEmpty ? "model" : path): name every layer of a sequential list or none") }
            let modules = try items.enumerated().map { i, item in try item.spec.build(path: at(item.name ?? String(i))) }
            if unnamed { return Sequential(modules) }
            guard Set(items.compactMap(\.name)).count == items.count else { throw ShapeError("\(path.isEmpty ? "model" : path): duplicate layer names") }
            return Sequential(named: zip(items.compactMap(\.name), modules).map { ($0, $1) })
        case let .graph(inputs, nodes, output):
            let built = try nodes.map { GraphNode($0.name, try $0.spec.build(path: at($0.name)), inputs: $0.inputs) }
            return try wrap(path) { try Graph(inputs: inputs, nodes: built, output: output) }
        }
    }

    /// The spec of an existing module (containers expanded; everything else by its config).
    public init(of module: any Module) {
        if let seq = module as? Sequential {
            let positional = seq.layers.enumerated().allSatisfy { $0.element.name == String($0.offset) }
            self = .sequential(seq.layers.map { SequentialItem(name: positional ? nil : $0.name, ModuleSpec(of: $0.module)) })
        } else if let g = module as? Graph {
            self = .graph(inputs: g.inputNames, nodes: g.nodes.map { GraphNodeSpec(name: $0.name, ModuleSpec(of: $0.module), inputs: $0.inputs) },
                          output: g.outputName)
        } else {
            self = .layer(module.config)
        }
    }
}
