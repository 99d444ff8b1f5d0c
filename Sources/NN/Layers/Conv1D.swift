import TensorCore

/// Keras Conv1D on [N, L, C]; kernel [K, C/groups, filters].
public final class Conv1D: ActivatedLayer {
    /// Output channels.
    public let filters: Int
    /// Window length.
    public let kernelSize: Int
    /// Step between windows.
    public let strides: Int
    /// valid, same or causal.
    public let padding: PaddingMode
    /// Spacing between taps.
    public let dilationRate: Int
    /// Channel groups (input and output channels split into `groups` independent convolutions).
    public let groups: Int
    /// Applied after the bias.
    public let activation: ActivationFunction
    /// Whether a bias is added.
    public let useBias: Bool
    /// Kernel initialiser.
    public let kernelInitializer: Initializer
    /// Bias initialiser.
    public let biasInitializer: Initializer
    /// Kernel and bias once built.
    public private(set) var ownParameters: [Parameter] = []

    /// A 1-D convolution with Keras defaults.
    public init(filters: Int, kernelSize: Int, strides: Int = 1, padding: PaddingMode = .valid, dilationRate: Int = 1,
                groups: Int = 1, activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(filters > 0 && kernelSize > 0 && strides > 0 && dilationRate > 0 && groups > 0,
                     "Conv1D: filters, kernel_size, strides, dilation_rate and groups must be positive")
        self.filters = filters; self.kernelSize = kernelSize; self.strides = strides; self.padding = padding
        self.dilationRate = dilationRate; self.groups = groups; self.activation = activation; self.useBias = useBias
        self.kernelInitializer = kernelInitializer; self.biasInitializer = biasInitializer
    }

    public var typeName: String { "Conv1D" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "conv1d", rank: 3, layout: "[N,L,C]")
        guard s[2] % groups == 0, filters % groups == 0 else {
            throw ShapeError(op: "conv1d", "groups \(groups) must divide input channels \(s[2]) and filters \(filters)")
        }
        guard let l = padding.outputLength(s[1], kernel: kernelSize, stride: strides, dilation: dilationRate) else {
            throw ShapeError(op: "conv1d", "kernel \(kernelSize) (dilation \(dilationRate)) does not fit length \(s[1]) of \(formatShape(s))")
        }
        return [s[0], l, filters]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let kshape = [kernelSize, inputShapes[0][2] / groups, filters]
        if let k = ownParameters.first {
            guard k.value.shape == kshape else {
                throw ShapeError(op: "conv1d", "was built for kernel \(k.value.shape), input \(formatShape(inputShapes[0])) needs \(kshape)")
            }
            return out
        }
        ownParameters = [Parameter("kernel", shape: kshape, initializer: kernelInitializer)]
        if useBias { ownParameters.append(Parameter("bias", shape: [filters], initializer: biasInitializer)) }
        return out
    }

    private func linear(_ x: Tensor, relu: Bool) -> Tensor {
        conv1d(x, ownParameters[0].value, bias: useBias ? ownParameters[1].value : nil, stride: strides,
               padding: padding.op(kernel: kernelSize, dilation: dilationRate), dilation: dilationRate, groups: groups,
               relu: relu)
    }

    /// The convolution plus bias.
    public func preActivation(_ inputs: [Tensor], context: ForwardContext) -> Tensor { linear(inputs[0], relu: false) }

    /// ReLU is fused into the convolution (one pass less each way); other activations follow it.
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        activation == .relu ? linear(inputs[0], relu: true) : activation.apply(linear(inputs[0], relu: false))
    }
}

extension Conv1D: CatalogueLayer {
    static let filters = LayerOption<Int>.integer("filters")
    static let kernelSize = LayerOption<Int>.size1D("kernel_size")
    static let strides = LayerOption<Int>.size1D("strides", default: 1)
    static let padding = LayerOption<PaddingMode>.padding(causal: true)
    static let dilationRate = LayerOption<Int>.size1D("dilation_rate", default: 1)
    static let groups = LayerOption<Int>.integer("groups", default: 1)
    static let activation = LayerOption<ActivationFunction>.activation()
    static let useBias = LayerOption<Bool>.useBias
    static let kernelInitializer = LayerOption<Initializer>.kernelInitializer
    static let biasInitializer = LayerOption<Initializer>.biasInitializer

    public static let kinds = [LayerKind(
        "Conv1D", yaml: "conv1d", summary: "1-D convolution over [N, L, C]; kernel [K, C/groups, filters]",
        options: [filters.spec, kernelSize.spec, strides.spec, padding.spec, dilationRate.spec, groups.spec, activation.spec,
                  useBias.spec, kernelInitializer.spec, biasInitializer.spec]
    ) { o in
        Conv1D(filters: o[filters], kernelSize: o[kernelSize], strides: o[strides], padding: o[padding],
               dilationRate: o[dilationRate], groups: o[groups], activation: o[activation], useBias: o[useBias],
               kernelInitializer: o[kernelInitializer], biasInitializer: o[biasInitializer])
    }]

    public var config: LayerConfig {
        Self.kinds[0].config(Self.filters.entry(filters), Self.kernelSize.entry(kernelSize), Self.strides.entry(strides),
                             Self.padding.entry(padding), Self.dilationRate.entry(dilationRate), Self.groups.entry(groups),
                             Self.activation.entry(activation), Self.useBias.entry(useBias),
                             Self.kernelInitializer.entry(kernelInitializer), Self.biasInitializer.entry(biasInitializer))
    }
}
