import TensorCore

/// Keras DepthwiseConv2D on [N, H, W, C]: each channel convolved alone; kernel [KH, KW, C, multiplier],
/// output channel c·M + m from input channel c.
public final class DepthwiseConv2D: ActivatedLayer {
    /// Window (height, width).
    public let kernelSize: [Int]
    /// Steps (height, width).
    public let strides: [Int]
    /// valid or same.
    public let padding: PaddingMode
    /// Output channels per input channel.
    public let depthMultiplier: Int
    /// Tap spacing (height, width).
    public let dilationRate: [Int]
    /// Applied after the bias.
    public let activation: ActivationFunction
    /// Whether a bias is added.
    public let useBias: Bool
    /// Kernel initialiser.
    public let depthwiseInitializer: Initializer
    /// Bias initialiser.
    public let biasInitializer: Initializer
    /// Kernel and bias once built.
    public private(set) var ownParameters: [Parameter] = []

    /// A depthwise convolution with Keras defaults.
    public init(kernelSize: [Int], strides: [Int] = [1, 1], padding: PaddingMode = .valid, depthMultiplier: Int = 1,
                dilationRate: [Int] = [1, 1], activation: ActivationFunction = .linear, useBias: Bool = true,
                depthwiseInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(kernelSize.count == 2 && strides.count == 2 && dilationRate.count == 2, "DepthwiseConv2D: sizes need two values")
        precondition(depthMultiplier > 0 && (kernelSize + strides + dilationRate).allSatisfy { $0 > 0 }, "DepthwiseConv2D: sizes must be positive")
        precondition(padding != .causal, "DepthwiseConv2D: causal padding is 1-D only")
        self.kernelSize = kernelSize; self.strides = strides; self.padding = padding; self.depthMultiplier = depthMultiplier
        self.dilationRate = dilationRate; self.activation = activation; self.useBias = useBias
        self.depthwiseInitializer = depthwiseInitializer; self.biasInitializer = biasInitializer
    }

    public var typeName: String { "DepthwiseConv2D" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "depthwise_conv2d", rank: 4, layout: "[N,H,W,C]")
        guard let h = padding.outputLength(s[1], kernel: kernelSize[0], stride: strides[0], dilation: dilationRate[0]),
              let w = padding.outputLength(s[2], kernel: kernelSize[1], stride: strides[1], dilation: dilationRate[1]) else {
            throw ShapeError(op: "depthwise_conv2d", "kernel \(kernelSize) does not fit \(formatShape(s)) with \(padding.rawValue) padding")
        }
        return [s[0], h, w, s[3] * depthMultiplier]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let c = inputShapes[0][3], kshape = kernelSize + [c, depthMultiplier]
        if let k = ownParameters.first {
            guard k.value.shape == kshape else {
                throw ShapeError(op: "depthwise_conv2d", "was built for kernel \(k.value.shape), input \(formatShape(inputShapes[0])) needs \(kshape)")
            }
            return out
        }
        ownParameters = [Parameter("kernel", shape: kshape, initializer: depthwiseInitializer)]
        if useBias { ownParameters.append(Parameter("bias", shape: [c * depthMultiplier], initializer: biasInitializer)) }
        return out
    }

    /// The convolution plus bias.
    public func preActivation(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let k = ownParameters[0].value, c = k.shape[2]
        // [KH, KW, C, M] and [KH, KW, 1, C·M] share one row-major layout: channel c·M + m in both.
        let grouped = k.reshaped(kernelSize + [1, c * depthMultiplier])
        let p = padding.op(kernel: 1, dilation: 1)
        return conv2d(inputs[0], grouped, bias: useBias ? ownParameters[1].value : nil, strides: (strides[0], strides[1]),
                      padding: (p, p), dilation: (dilationRate[0], dilationRate[1]), groups: c)
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        activation.apply(preActivation(inputs, context: context))
    }
}

extension DepthwiseConv2D: CatalogueLayer {
    static let kernelSize = LayerOption<[Int]>.sizes("kernel_size", count: 2)
    static let strides = LayerOption<[Int]>.sizes("strides", count: 2, default: [1, 1])
    static let padding = LayerOption<PaddingMode>.padding(causal: false)
    static let depthMultiplier = LayerOption<Int>.integer("depth_multiplier", default: 1)
    static let dilationRate = LayerOption<[Int]>.sizes("dilation_rate", count: 2, default: [1, 1])
    static let activation = LayerOption<ActivationFunction>.activation()
    static let useBias = LayerOption<Bool>.useBias
    static let depthwiseInitializer = LayerOption<Initializer>.initializer("depthwise_initializer", default: .glorotUniform)
    static let biasInitializer = LayerOption<Initializer>.biasInitializer

    public static let kinds = [LayerKind(
        "DepthwiseConv2D", yaml: "depthwise_conv2d",
        summary: "each channel convolved alone over [N, H, W, C]; kernel [KH, KW, C, depth_multiplier]",
        options: [kernelSize.spec, strides.spec, padding.spec, depthMultiplier.spec, dilationRate.spec, activation.spec,
                  useBias.spec, depthwiseInitializer.spec, biasInitializer.spec]
    ) { o in
        DepthwiseConv2D(kernelSize: o[kernelSize], strides: o[strides], padding: o[padding], depthMultiplier: o[depthMultiplier],
                        dilationRate: o[dilationRate], activation: o[activation], useBias: o[useBias],
                        depthwiseInitializer: o[depthwiseInitializer], biasInitializer: o[biasInitializer])
    }]

    public var config: LayerConfig {
        Self.kinds[0].config(Self.kernelSize.entry(kernelSize), Self.strides.entry(strides), Self.padding.entry(padding),
                             Self.depthMultiplier.entry(depthMultiplier), Self.dilationRate.entry(dilationRate),
                             Self.activation.entry(activation), Self.useBias.entry(useBias),
                             Self.depthwiseInitializer.entry(depthwiseInitializer), Self.biasInitializer.entry(biasInitializer))
    }
}
