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

    public var config: LayerConfig {
        LayerConfig(type: typeName, options: [
            "filters": .int(filters), "kernel_size": .ints(kernelSize), "strides": .ints(strides),
            "padding": .string(padding.rawValue), "dilation_rate": .ints(dilationRate), "groups": .int(groups),
            "activation": .string(activation.rawValue), "use_bias": .bool(useBias),
            "kernel_initializer": .string(kernelInitializer.rawValue), "bias_initializer": .string(biasInitializer.rawValue),
        ])
    }

    /// Rebuilds from `config` (a single integer size means square).
    public static func make(_ c: LayerConfig) throws -> Conv2D {
        let padding = try PaddingMode(name: c.string("padding", "valid"))
        if padding == .causal { throw ShapeError("Conv2D: causal padding is 1-D only") }
        return Conv2D(filters: try c.int("filters"), kernelSize: try c.ints("kernel_size", count: 2),
                      strides: try c.ints("strides", count: 2, [1, 1]), padding: padding,
                      dilationRate: try c.ints("dilation_rate", count: 2, [1, 1]), groups: try c.int("groups", 1),
                      activation: try ActivationFunction(name: c.string("activation", "linear")), useBias: try c.bool("use_bias", true),
                      kernelInitializer: try Initializer(name: c.string("kernel_initializer", "glorot_uniform")),
                      biasInitializer: try Initializer(name: c.string("bias_initializer", "zeros")))
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "conv2d", rank: 4, layout: "[N,H,W,C]")
        guard s[3] % groups == 0, filters % groups == 0 else {
            throw ShapeError("conv2d: groups \(groups) must divide input channels \(s[3]) and filters \(filters)")
        }
        guard let h = padding.outputLength(s[1], kernel: kernelSize[0], stride: strides[0], dilation: dilationRate[0]),
              let w = padding.outputLength(s[2], kernel: kernelSize[1], stride: strides[1], dilation: dilationRate[1]) else {
            throw ShapeError("conv2d: kernel \(kernelSize) does not fit \(formatShape(s)) with \(padding.rawValue) padding")
        }
        return [s[0], h, w, filters]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let kshape = kernelSize + [inputShapes[0][3] / groups, filters]
        if let k = ownParameters.first {
            guard k.value.shape == kshape else { throw ShapeError("conv2d was built for kernel \(k.value.shape), input \(formatShape(inputShapes[0])) needs \(kshape)") }
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
