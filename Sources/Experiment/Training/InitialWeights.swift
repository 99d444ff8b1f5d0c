import Foundation
import NN

/// `init_from`: another run's weights loaded into this model by name before a stage trains. Every tensor of the
/// file must be a parameter of the model with the same shape (a name the model does not have is a typo or another
/// architecture, not something to skip); parameters the file lacks keep their initial values and are reported.
enum InitialWeights {
    /// Loads `path` into `module`; returns the model's parameters the file did not hold.
    static func load(_ path: String, into module: any Module, model: ModelConfig) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else {
            let run = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
            throw DataError("init_from \(path) does not exist: weights are not committed with a run; train '\(run)' first "
                            + "(soundlab run on its experiment file, or soundlab reproduce), then run this one")
        }
        let file = try SafetensorsFile.read(from: URL(fileURLWithPath: path))
        let params = Dictionary(module.namedParameters().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let names = WeightNames(model: model, paths: Array(params.keys))
        let tensors = names.toModule(file.tensors)
        var problems: [String] = []
        for (t, stored) in zip(tensors, file.tensors) {
            guard let p = params[t.name] else {
                let hint = Suggestion.nearest(to: stored.name, in: names.fileName.values).map { " (did you mean '\($0)'?)" } ?? ""
                problems.append("'\(stored.name)' is not a parameter of this model\(hint)")
                continue
            }
            if p.value.shape != t.shape { problems.append("'\(stored.name)' has shape \(t.shape), the model needs \(p.value.shape)") }
        }
        guard problems.isEmpty else {
            throw DataError("init_from \(path) does not fit this model: " + problems.prefix(5).joined(separator: "; ")
                            + (problems.count > 5 ? "; and \(problems.count - 5) more" : ""))
        }
        for t in tensors {
            params[t.name]!.value.withUnsafeMutableBufferPointer { dst in _ = dst.update(fromContentsOf: t.values) }
        }
        let loaded = Set(tensors.map(\.name))
        return module.namedParameters().map(\.name).filter { !loaded.contains($0) }.map { names.fileName[$0] ?? $0 }
    }
}
