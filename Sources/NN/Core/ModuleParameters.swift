import TensorCore

extension Module {
    /// Every parameter and state tensor under this module, depth first, with dotted names.
    public func namedParameters() -> [NamedParameter] {
        var out: [NamedParameter] = []
        collect(prefix: "", into: &out)
        return out
    }

    private func collect(prefix: String, into out: inout [NamedParameter]) {
        for p in ownParameters { out.append(NamedParameter(name: prefix + p.name, parameter: p)) }
        for (name, child) in children { child.collect(prefix: prefix + name + ".", into: &out) }
    }

    /// The tensors an optimiser updates, with their dotted names.
    public func trainableParameters() -> [NamedParameter] { namedParameters().filter(\.trainable) }

    /// Number of scalars in all parameters and state (Keras "Total params").
    public var parameterCount: Int { namedParameters().reduce(0) { $0 + $1.value.count } }

    /// Number of trainable scalars.
    public var trainableParameterCount: Int { trainableParameters().reduce(0) { $0 + $1.value.count } }

    /// Fills every parameter from its initialiser, each from `RNG(seed:, stream: [hash(dotted name)])`,
    /// so adding a layer does not change another layer's initial weights.
    public func initializeParameters(seed: UInt64) {
        for p in namedParameters() {
            var rng = RNG(seed: seed, stream: [StableHash.fnv1a(p.name)])
            p.parameter.initializer.fill(p.value, rng: &rng)
        }
    }

    /// Drops every accumulated gradient.
    public func zeroGrad() { for p in namedParameters() { p.value.zeroGrad() } }

    /// All parameters and state as (dotted name, shape, values), in model order — what a weights file stores.
    public func stateList() -> [(name: String, shape: [Int], values: [Float])] {
        namedParameters().map { ($0.name, $0.value.shape, $0.value.scalars) }
    }

    /// Loads values saved by `stateList()`; every name must be present with the same shape, and no extra names.
    public func loadStateList(_ entries: [(name: String, shape: [Int], values: [Float])]) throws {
        var byName: [String: (shape: [Int], values: [Float])] = [:]
        for e in entries { byName[e.name] = (e.shape, e.values) }
        let params = namedParameters()
        for p in params {
            guard let e = byName[p.name] else { throw ShapeError("weights: missing tensor '\(p.name)'") }
            guard e.shape == p.value.shape, e.values.count == p.value.count else {
                throw ShapeError("weights: '\(p.name)' has shape \(e.shape), the model needs \(p.value.shape)")
            }
            p.value.withUnsafeMutableBufferPointer { dst in
                e.values.withUnsafeBufferPointer { src in
                    if dst.count > 0 { dst.baseAddress!.update(from: src.baseAddress!, count: dst.count) }
                }
            }
        }
        let known = Set(params.map(\.name))
        if let extra = entries.first(where: { !known.contains($0.name) }) {
            throw ShapeError("weights: unexpected tensor '\(extra.name)' not in the model")
        }
    }
}
