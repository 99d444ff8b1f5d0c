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

    public var config: LayerConfig {
        LayerConfig(type: typeName, options: [
            "kernel_size": .ints(kernelSize), "strides": .ints(strides), "padding": .string(padding.rawValue),
            "depth_multiplier": .int(depthMultiplier), "dilation_rate": .ints(dilationRate),
            "activation": .string(activation.rawValue), "use_bias": .bool(useBias),
            "depthwise_initializer": .string(depthwiseInitializer.rawValue), "bias_initializer": .string(biasInitializer.rawValue),
        ])
    }

    /// Rebuilds from `config`.
    public static func make(_ c: LayerConfig) throws -> DepthwiseConv2D {
        let padding = try PaddingMode(name: c.string("padding", "valid"))
        if padding == .causal { throw ShapeError("DepthwiseConv2D: causal padding is 1-D only") }
        return DepthwiseConv2D(kernelSize: try c.ints("kernel_size", count: 2), strides: try c.ints("strides", count: 2, [1, 1]),
                               padding: padding, depthMultiplier: try c.int("depth_multiplier", 1),
                               dilationRate: try c.ints("dilation_rate", count: 2, [1, 1]),
                               activation: try ActivationFunction(name: c.string("activation", "linear")),
                               useBias: try c.bool("use_bias", true),
                               depthwiseInitializer: try Initializer(name: c.string("depthwise_initializer", "glorot_uniform")),
                               biasInitializer: try Initializer(name: c.string("bias_initializer", "zeros")))
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "depthwise_conv2d", rank: 4, layout: "[N,H,W,C]")
        guard let h = padding.outputLength(s[1], kernel: kernelSize[0], stride: strides[0], dilation: dilationRate[0]),
              let w = padding.outputLength(s[2], kernel: kernelSize[1], stride: strides[1], dilation: dilationRate[1]) else {
            throw ShapeError("depthwise_conv2d: kernel \(kernelSize) does not fit \(formatShape(s)) with \(padding.rawValue) padding")
        }
        return [s[0], h, w, s[3] * depthMultiplier]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let c = inputShapes[0][3], kshape = kernelSize + [c, depthMultiplier]
        if let k = ownParameters.first {
            guard k.value.shape == kshape else { throw ShapeError("depthwise_conv2d was built for kernel \(k.value.shape), input \(formatShape(inputShapes[0])) needs \(kshape)") }
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
