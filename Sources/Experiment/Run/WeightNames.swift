import NN

/// The names of a model's tensors in `weights.safetensors`: the parameter paths with every layer of the config's
/// layer list named as in the config, `name:` when it has one and Keras's `<type>_<index>` otherwise
/// (`conv1d_0.kernel`, `batch_norm_1.gamma`, `dense_11.bias`; a backbone's head `head.dense_0.kernel`), so a file
/// can be read by layer without the index arithmetic. Checkpoints keep the module paths; only the run's weights
/// file speaks these names. Files written before (`0.kernel`) still load.
struct WeightNames {
    /// Module path → file name, for every tensor of the model.
    let fileName: [String: String]
    /// File name → module path.
    let modulePath: [String: String]
    /// Layer name as the file says it (`conv1d_0`, `head.dense_0`) → its module path (`0`, `head.0`).
    let layerPath: [String: String]

    init(model: ModelConfig, paths: [String]) {
        var layerNames: [String: String] = [:]
        var prefix = ""
        if let backbone = model.backbone, backbone.isSequence { prefix = "head." }
        if case .sequential(let items) = model.architecture {
            let explicit = Set(items.compactMap { $0["name"]?.string })
            for (i, item) in items.enumerated() where item["name"]?.string == nil {
                let written = item["type"]?.string ?? item["op"]?.string ?? "layer"
                let type = LayerRegistry.kind(named: written)?.yamlName ?? written.lowercased()
                var name = "\(type)_\(i)"
                while explicit.contains(name) { name += "_" }
                layerNames[prefix + String(i)] = prefix + name
            }
        }
        var forward: [String: String] = [:]
        for path in paths {
            let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let depth = prefix.isEmpty ? 1 : 2
            guard parts.count > depth else { forward[path] = path; continue }
            let layer = parts.prefix(depth).joined(separator: ".")
            forward[path] = layerNames[layer].map { ([$0] + parts.dropFirst(depth)).joined(separator: ".") } ?? path
        }
        fileName = forward
        layerPath = Dictionary(layerNames.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        modulePath = Dictionary(forward.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A module path written either way (`conv1d_0` or `0`, `head.dense_0` or `head.0`) as the module's own.
    func modulePrefix(_ written: String) -> String { layerPath[written] ?? written }

    /// The layers as the file names them, in order: the first component(s) of every tensor name.
    var layers: [String] {
        var out: [String] = []
        for name in fileName.keys.sorted().compactMap({ fileName[$0] }) {
            let parts = name.split(separator: ".")
            let layer = parts.first == "head" && parts.count > 2 ? parts.prefix(2).joined(separator: ".") : String(parts[0])
            if !out.contains(layer) { out.append(layer) }
        }
        return out
    }

    /// A file's tensors under the module's paths: these names translated, any other name (an older file's) kept.
    func toModule(_ tensors: [SafetensorsTensor]) -> [(name: String, shape: [Int], values: [Float])] {
        tensors.map { (modulePath[$0.name] ?? $0.name, $0.shape, $0.values) }
    }
}
