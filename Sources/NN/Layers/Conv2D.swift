import TensorCore

/// Keras Conv2D on [N, H, W, C]; kernel [KH, KW, C/groups, filters].
public final class Conv2D: ActivatedLayer {
    /// Output channels.
    public let filters: Int
    /// Window (height, width).
    public let kernelSize: [Int]
    /// Steps (height, width).
    public let strides: [Int]
    /// valid or same (both axes).
    public let padding: PaddingMode
    /// Tap spacing (height, width).
    public let dilationRate: [Int]
    /// Channel groups.
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

    /// A 2-D convolution with Keras defaults.
    public init(filters: Int, kernelSize: [Int], strides: [Int] = [1, 1], padding: PaddingMode = .valid,
                dilationRate: [Int] = [1, 1], groups: Int = 1, activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(kernelSize.count == 2 && strides.count == 2 && dilationRate.count == 2, "Conv2D: sizes need two values")
        precondition(filters > 0 && groups > 0 && (kernelSize + strides + dilationRate).allSatisfy { $0 > 0 },
                     "Conv2D: filters, kernel_size, strides, dilation_rate and groups must be positive")
        precondition(padding != .causal, "Conv2D: causal padding is 1-D only")
        self.filters = filters; self.kernelSize = kernelSize; self.strides = strides; self.padding = padding
        self.dilationRate = dilationRate; self.groups = groups; self.activation = activation; self.useBias = useBias
        self.kernelInitializer = kernelInitializer; self.biasInitializer = biasInitializer
    }

    public var typeName: String { "Conv2D" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "conv2d", rank: 4, layout: "[N,H,W,C]")
        guard s[3] % groups == 0, filters % groups == 0 else {
            throw ShapeError(op: "conv2d", "groups \(groups) must divide input channels \(s[3]) and filters \(filters)")
        }
        guard let h = padding.outputLength(s[1], kernel: kernelSize[0], stride: strides[0], dilation: dilationRate[0]),
              let w = padding.outputLength(s[2], kernel: kernelSize[1], stride: strides[1], dilation: dilationRate[1]) else {
            throw ShapeError(op: "conv2d", "kernel \(kernelSize) does not fit \(formatShape(s)) with \(padding.rawValue) padding")
        }
        return [s[0], h, w, filters]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let kshape = kernelSize + [inputShapes[0][3] / groups, filters]
        if let k = ownParameters.first {
            guard k.value.shape == kshape else {
                throw ShapeError(op: "conv2d", "was built for kernel \(k.value.shape), input \(formatShape(inputShapes[0])) needs \(kshape)")
            }
            return out
        }
        ownParameters = [Parameter("kernel", shape: kshape, initializer: kernelInitializer)]
        if useBias { ownParameters.append(Parameter("bias", shape: [filters], initializer: biasInitializer)) }
        return out
    }

    /// The convolution plus bias.
    public func preActivation(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let p = padding.op(kernel: 1, dilation: 1)
        return conv2d(inputs[0], ownParameters[0].value, bias: useBias ? ownParameters[1].value : nil,
                      strides: (strides[0], strides[1]), padding: (p, p),
                      dilation: (dilationRate[0], dilationRate[1]), groups: groups)
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        activation.apply(preActivation(inputs, context: context))
    }
}

extension Conv2D: CatalogueLayer {
    static let filters = LayerOption<Int>.integer("filters")
    static let kernelSize = LayerOption<[Int]>.sizes("kernel_size", count: 2)
    static let strides = LayerOption<[Int]>.sizes("strides", count: 2, default: [1, 1])
    static let padding = LayerOption<PaddingMode>.padding(causal: false)
    static let dilationRate = LayerOption<[Int]>.sizes("dilation_rate", count: 2, default: [1, 1])
    static let groups = LayerOption<Int>.integer("groups", default: 1)
    static let activation = LayerOption<ActivationFunction>.activation()
    static let useBias = LayerOption<Bool>.useBias
    static let kernelInitializer = LayerOption<Initializer>.kernelInitializer
    static let biasInitializer = LayerOption<Initializer>.biasInitializer

    public static let kinds = [LayerKind(
        "Conv2D", yaml: "conv2d", summary: "2-D convolution over [N, H, W, C]; kernel [KH, KW, C/groups, filters]",
        options: [filters.spec, kernelSize.spec, strides.spec, padding.spec, dilationRate.spec, groups.spec, activation.spec,
                  useBias.spec, kernelInitializer.spec, biasInitializer.spec]
    ) { o in
        Conv2D(filters: o[filters], kernelSize: o[kernelSize], strides: o[strides], padding: o[padding],
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
