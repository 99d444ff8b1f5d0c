import TensorCore

/// Keras MultiHeadAttention. Inputs: [query] (self-attention), [query, value] (key = value) or [query, value, key],
/// each [N, T, d]. Projections `query`/`key`/`value` have kernels [d, heads, keyDim] and biases [heads, keyDim];
/// `attention_output` has kernel [heads, keyDim, dOut] and bias [dOut], dOut = the query width.
public final class MultiHeadAttention: Module {
    /// Number of heads.
    public let numHeads: Int
    /// Width of each head.
    public let keyDim: Int
    /// Whether the projections have biases.
    public let useBias: Bool
    /// Kernel initialiser.
    public let kernelInitializer: Initializer
    /// Bias initialiser.
    public let biasInitializer: Initializer
    /// The projections' kernels and biases once built.
    public private(set) var ownParameters: [Parameter] = []

    /// Multi-head attention with Keras defaults (value_dim = key_dim, biases, glorot_uniform, no dropout).
    public init(numHeads: Int, keyDim: Int, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(numHeads > 0 && keyDim > 0, "MultiHeadAttention: num_heads and key_dim must be positive")
        self.numHeads = numHeads; self.keyDim = keyDim; self.useBias = useBias
        self.kernelInitializer = kernelInitializer; self.biasInitializer = biasInitializer
    }

    public var typeName: String { "MultiHeadAttention" }

    /// (query, value, key) shapes in Keras call order.
    private func roles(_ shapes: [[Int]]) throws -> ([Int], [Int], [Int]) {
        guard (1...3).contains(shapes.count) else { throw ShapeError(op: "multi_head_attention", "takes 1 to 3 inputs (query, value, key), got \(shapes.count)") }
        let q = shapes[0], v = shapes.count > 1 ? shapes[1] : q, k = shapes.count > 2 ? shapes[2] : v
        for s in [q, v, k] where s.count != 3 { throw ShapeError(op: "multi_head_attention", "expects [N,T,D], got \(formatShape(s))") }
        guard k[1] == v[1], q[0] == v[0] || q[0] < 0 || v[0] < 0 else {
            throw ShapeError(op: "multi_head_attention", "key \(formatShape(k)) and value \(formatShape(v)) must share batch and length with query \(formatShape(q))")
        }
        return (q, v, k)
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try roles(inputShapes).0 }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let (q, v, k) = try roles(inputShapes)
        let widths = [q[2], k[2], v[2]]
        if !ownParameters.isEmpty {
            let built = [0, 2, 4].map { ownParameters[useBias ? $0 : $0 / 2].value.shape[0] }
            guard built == widths else { throw ShapeError(op: "multi_head_attention", "was built for widths \(built), got \(widths)") }
            return q
        }
        var ps: [Parameter] = []
        for (name, d) in zip(["query", "key", "value"], widths) {
            ps.append(Parameter("\(name).kernel", shape: [d, numHeads, keyDim], initializer: kernelInitializer))
            if useBias { ps.append(Parameter("\(name).bias", shape: [numHeads, keyDim], initializer: biasInitializer)) }
        }
        ps.append(Parameter("attention_output.kernel", shape: [numHeads, keyDim, q[2]], initializer: kernelInitializer))
        if useBias { ps.append(Parameter("attention_output.bias", shape: [q[2]], initializer: biasInitializer)) }
        ownParameters = ps
        return q
    }

    /// The i-th projection (0 query, 1 key, 2 value, 3 output) as a matrix plus flat bias.
    private func projection(_ i: Int) -> (Tensor, Tensor?) {
        let stride = useBias ? 2 : 1
        let k = ownParameters[i * stride].value, b = useBias ? ownParameters[i * stride + 1].value : nil
        let rows = i == 3 ? numHeads * keyDim : k.shape[0]
        return (k.reshaped([rows, k.count / rows]), b.map { $0.reshaped([$0.count]) })
    }

    private func project(_ x: Tensor, _ i: Int) -> Tensor {
        let (w, b) = projection(i)
        let y = matmul(x, w)
        return b.map { y + $0 } ?? y
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let q = inputs[0], v = inputs.count > 1 ? inputs[1] : q
        return attend(query: q, value: v, key: inputs.count > 2 ? inputs[2] : v, keyMask: nil)
    }

    /// Attention with a key padding mask: `keyMask` holds N·Tk flags row-major, true = a real key, false = padding
    /// (Keras `attention_mask[n, q, k] = keyMask[n, k]`: padded keys get −1e9 before the softmax).
    public func attend(query: Tensor, value: Tensor, key: Tensor? = nil, keyMask: [Bool]?) -> Tensor {
        let k = key ?? value
        precondition(keyMask == nil || keyMask!.count == k.shape[0] * k.shape[1], "MultiHeadAttention: key mask needs N·Tk flags")
        let attended = multiHeadAttention(q: project(query, 0), k: project(k, 1), v: project(value, 2), heads: numHeads,
                                          keyPaddingMask: keyMask.map { $0.map { !$0 } })
        return project(attended, 3)
    }
}

extension MultiHeadAttention: CatalogueLayer {
    static let numHeads = LayerOption<Int>.integer("num_heads")
    static let keyDim = LayerOption<Int>.integer("key_dim")
    static let useBias = LayerOption<Bool>.useBias
    static let kernelInitializer = LayerOption<Initializer>.kernelInitializer
    static let biasInitializer = LayerOption<Initializer>.biasInitializer

    public static let kinds = [LayerKind(
        "MultiHeadAttention", yaml: "multi_head_attention",
        summary: "attention of [query] (self), [query, value] or [query, value, key], each [N, T, D]",
        options: [numHeads.spec, keyDim.spec, useBias.spec, kernelInitializer.spec, biasInitializer.spec]
    ) { o in
        MultiHeadAttention(numHeads: o[numHeads], keyDim: o[keyDim], useBias: o[useBias], kernelInitializer: o[kernelInitializer],
                           biasInitializer: o[biasInitializer])
    }]

    public var config: LayerConfig {
        Self.kinds[0].config(Self.numHeads.entry(numHeads), Self.keyDim.entry(keyDim), Self.useBias.entry(useBias),
                             Self.kernelInitializer.entry(kernelInitializer), Self.biasInitializer.entry(biasInitializer))
    }
}
