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

    public var config: LayerConfig {
        LayerConfig(type: typeName, options: [
            "filters": .int(filters), "kernel_size": .int(kernelSize), "strides": .int(strides),
            "padding": .string(padding.rawValue), "dilation_rate": .int(dilationRate), "groups": .int(groups),
            "activation": .string(activation.rawValue), "use_bias": .bool(useBias),
            "kernel_initializer": .string(kernelInitializer.rawValue), "bias_initializer": .string(biasInitializer.rawValue),
        ])
    }

    /// Rebuilds from `config`.
    public static func make(_ c: LayerConfig) throws -> Conv1D {
        Conv1D(filters: try c.int("filters"), kernelSize: try c.ints("kernel_size", count: 1)[0],
               strides: try c.ints("strides", count: 1, [1])[0], padding: try PaddingMode(name: c.string("padding", "valid")),
               dilationRate: try c.ints("dilation_rate", count: 1, [1])[0], groups: try c.int("groups", 1),
               activation: try ActivationFunction(name: c.string("activation", "linear")), useBias: try c.bool("use_bias", true),
               kernelInitializer: try Initializer(name: c.string("kernel_initializer", "glorot_uniform")),
               biasInitializer: try Initializer(name: c.string("bias_initializer", "zeros")))
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "conv1d", rank: 3, layout: "[N,L,C]")
        guard s[2] % groups == 0, filters % groups == 0 else {
            throw ShapeError("conv1d: groups \(groups) must divide input channels \(s[2]) and filters \(filters)")
        }
        guard let l = padding.outputLength(s[1], kernel: kernelSize, stride: strides, dilation: dilationRate) else {
            throw ShapeError("conv1d: kernel \(kernelSize) (dilation \(dilationRate)) does not fit length \(s[1]) of \(formatShape(s))")
        }
        return [s[0], l, filters]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let kshape = [kernelSize, inputShapes[0][2] / groups, filters]
        if let k = ownParameters.first {
            guard k.value.shape == kshape else { throw ShapeError("conv1d was built for kernel \(k.value.shape), input \(formatShape(inputShapes[0])) needs \(kshape)") }
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
