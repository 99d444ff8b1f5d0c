import TensorCore

/// Keras GRU (reset_after, tanh/sigmoid) on [N, T, In]: kernel [In, 3U], recurrent_kernel [U, 3U], bias [2, 3U]
/// (input row, recurrent row), gates z, r, h. Returns [N, T, U] with `returnSequences`, else the last state [N, U].
public final class GRU: Module {
    /// State width.
    public let units: Int
    /// Whether every step's state is returned.
    public let returnSequences: Bool
    /// Whether the sequence is read last step first (outputs stay in processing order, as Keras).
    public let goBackwards: Bool
    /// Whether the gates have biases.
    public let useBias: Bool
    /// Input kernel initialiser.
    public let kernelInitializer: Initializer
    /// Recurrent kernel initialiser.
    public let recurrentInitializer: Initializer
    /// Bias initialiser.
    public let biasInitializer: Initializer
    /// kernel, recurrent_kernel and bias once built.
    public private(set) var ownParameters: [Parameter] = []

    /// A GRU with Keras defaults (glorot_uniform, orthogonal recurrent kernel, zero biases).
    public init(units: Int, returnSequences: Bool = false, goBackwards: Bool = false, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, recurrentInitializer: Initializer = .orthogonal,
                biasInitializer: Initializer = .zeros) {
        precondition(units > 0, "GRU: units must be positive")
        self.units = units; self.returnSequences = returnSequences; self.goBackwards = goBackwards; self.useBias = useBias
        self.kernelInitializer = kernelInitializer; self.recurrentInitializer = recurrentInitializer; self.biasInitializer = biasInitializer
    }

    public var typeName: String { "GRU" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "gru", rank: 3, layout: "[N,T,features]")
        guard s[1] > 0 else { throw ShapeError(op: "gru", "needs at least one step, got \(formatShape(s))") }
        return returnSequences ? [s[0], s[1], units] : [s[0], units]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let inDim = inputShapes[0][2]
        if let k = ownParameters.first {
            guard k.value.shape[0] == inDim else { throw ShapeError(op: "gru", "was built for \(k.value.shape[0]) features, got \(formatShape(inputShapes[0]))") }
            return out
        }
        ownParameters = [Parameter("kernel", shape: [inDim, 3 * units], initializer: kernelInitializer),
                         Parameter("recurrent_kernel", shape: [units, 3 * units], initializer: recurrentInitializer)]
        if useBias { ownParameters.append(Parameter("bias", shape: [2, 3 * units], initializer: biasInitializer)) }
        return out
    }

    /// Every state in processing order, [N, T, U].
    func states(_ x: Tensor) -> Tensor {
        gru(x, kernel: ownParameters[0].value, recurrentKernel: ownParameters[1].value,
            bias: useBias ? ownParameters[2].value : nil, reverse: goBackwards)
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let h = states(inputs[0])
        if returnSequences { return h }
        let (n, t) = (h.shape[0], h.shape[1])
        return h.sliced(axis: 1, (t - 1)..<t).reshaped([n, units])
    }
}

extension GRU: CatalogueLayer {
    static let units = LayerOption<Int>.integer("units")
    static let returnSequences = LayerOption<Bool>.boolean("return_sequences", default: false)
    static let goBackwards = LayerOption<Bool>.boolean("go_backwards", default: false)
    static let useBias = LayerOption<Bool>.useBias
    static let kernelInitializer = LayerOption<Initializer>.kernelInitializer
    static let recurrentInitializer = LayerOption<Initializer>.initializer("recurrent_initializer", default: .orthogonal)
    static let biasInitializer = LayerOption<Initializer>.biasInitializer
    /// Keras's default gate layout, the only one implemented.
    static let resetAfter = LayerOption<Bool>.boolean("reset_after", default: true, only: true)

    /// The options, also those of the GRU a `Bidirectional` wraps.
    static let options = [units.spec, returnSequences.spec, goBackwards.spec, useBias.spec, kernelInitializer.spec,
                          recurrentInitializer.spec, biasInitializer.spec, resetAfter.spec]

    public static let kinds = [LayerKind(
        "GRU", yaml: "gru", summary: "gated recurrent unit over [N, T, features] (Keras reset_after); the last state or every state",
        options: options
    ) { o in GRU(o) }]

    /// A GRU from checked options (Bidirectional's included).
    convenience init(_ o: LayerOptions) {
        self.init(units: o[GRU.units], returnSequences: o[GRU.returnSequences], goBackwards: o[GRU.goBackwards],
                  useBias: o[GRU.useBias], kernelInitializer: o[GRU.kernelInitializer],
                  recurrentInitializer: o[GRU.recurrentInitializer], biasInitializer: o[GRU.biasInitializer])
    }

    /// Its option entries, also written by a `Bidirectional` wrapping it.
    var entries: [(key: String, value: ConfigValue)?] {
        [Self.units.entry(units), Self.returnSequences.entry(returnSequences), Self.goBackwards.entry(goBackwards),
         Self.useBias.entry(useBias), Self.kernelInitializer.entry(kernelInitializer),
         Self.recurrentInitializer.entry(recurrentInitializer), Self.biasInitializer.entry(biasInitializer),
         Self.resetAfter.entry(true)]
    }

    public var config: LayerConfig { Self.kinds[0].config(entries) }
}
