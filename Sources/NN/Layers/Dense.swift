import TensorCore

/// Keras Dense: `activation(x · kernel + bias)` on the last axis; kernel [in, units].
public final class Dense: ActivatedLayer {
    /// Output width.
    public let units: Int
    /// Applied after the affine map.
    public let activation: ActivationFunction
    /// Whether a bias is added.
    public let useBias: Bool
    /// Kernel initialiser.
    public let kernelInitializer: Initializer
    /// Bias initialiser.
    public let biasInitializer: Initializer
    /// Kernel and (optionally) bias, empty before `build`.
    public private(set) var ownParameters: [Parameter] = []

    /// A dense layer with Keras defaults (linear, bias, glorot_uniform, zeros).
    public init(units: Int, activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(units > 0, "Dense: units must be positive, got \(units)")
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
    }

    public var typeName: String { "Dense" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "dense")
        guard s.count >= 2, s.last! > 0 else { throw ShapeError(op: "dense", "expects [N,...,features], got \(formatShape(s))") }
        return s.dropLast() + [units]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let inDim = inputShapes[0].last!
        if let k = ownParameters.first {
            guard k.value.shape[0] == inDim else {
                throw ShapeError(op: "dense", "was built for \(k.value.shape[0]) input features, got \(formatShape(inputShapes[0]))")
            }
            return out
        }
        ownParameters = [Parameter("kernel", shape: [inDim, units], initializer: kernelInitializer)]
        if useBias { ownParameters.append(Parameter("bias", shape: [units], initializer: biasInitializer)) }
        return out
    }

    /// x · kernel + bias.
    public func preActivation(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        precondition(!ownParameters.isEmpty, "Dense used before build")
        let y = matmul(inputs[0], ownParameters[0].value)
        return useBias ? y + ownParameters[1].value : y
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        activation.apply(preActivation(inputs, context: context))
    }
}

extension Dense: CatalogueLayer {
    static let units = LayerOption<Int>.integer("units")
    static let activation = LayerOption<ActivationFunction>.activation()
    static let useBias = LayerOption<Bool>.useBias
    static let kernelInitializer = LayerOption<Initializer>.kernelInitializer
    static let biasInitializer = LayerOption<Initializer>.biasInitializer

    public static let kinds = [LayerKind(
        "Dense", yaml: "dense", summary: "activation(x · kernel + bias) on the last axis",
        options: [units.spec, activation.spec, useBias.spec, kernelInitializer.spec, biasInitializer.spec]
    ) { o in
        Dense(units: o[units], activation: o[activation], useBias: o[useBias], kernelInitializer: o[kernelInitializer],
              biasInitializer: o[biasInitializer])
    }]

    public var config: LayerConfig {
        Self.kinds[0].config(Self.units.entry(units), Self.activation.entry(activation), Self.useBias.entry(useBias),
                             Self.kernelInitializer.entry(kernelInitializer), Self.biasInitializer.entry(biasInitializer))
    }
}
