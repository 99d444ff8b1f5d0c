import NN

extension ConfigValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
                       ExpressibleByBooleanLiteral, ExpressibleByStringLiteral,
                       ExpressibleByArrayLiteral {
    public init(integerLiteral v: Int) { self = .int(v) }
    public init(floatLiteral v: Double) { self = .double(v) }
    public init(booleanLiteral v: Bool) { self = .bool(v) }
    public init(stringLiteral v: String) { self = .string(v) }
    public init(arrayLiteral items: ConfigValue...) { self = .list(items) }
}

/// A full config of one catalogue kind (every option written, mostly not at its default) and input shapes it
/// accepts.
struct LayerExample: Sendable {
    let config: LayerConfig
    let inputs: [[Int]]

    init(_ type: String, _ options: [String: ConfigValue], inputs: [[Int]]) {
        config = LayerConfig(type: type, options: options)
        self.inputs = inputs
    }
}

/// Round-trip examples by Keras class name; `everyLayerKindRoundTripsThroughItsConfig` takes one per registry entry
/// and fails for an entry missing here.
let layerExamples: [String: LayerExample] = Dictionary(uniqueKeysWithValues: [
    LayerExample("Dense", ["units": 3, "activation": "relu", "use_bias": false, "kernel_initializer": "he_normal",
                           "bias_initializer": "ones"], inputs: [[2, 5]]),
    LayerExample("Conv1D", ["filters": 4, "kernel_size": 3, "strides": 2, "padding": "causal", "dilation_rate": 2, "groups": 2,
                            "activation": "gelu", "use_bias": true, "kernel_initializer": "glorot_normal",
                            "bias_initializer": "random_normal"], inputs: [[2, 9, 4]]),
    LayerExample("Conv2D", ["filters": 6, "kernel_size": [3, 1], "strides": [2, 2], "padding": "same", "dilation_rate": [1, 2],
                            "groups": 3, "activation": "tanh", "use_bias": true, "kernel_initializer": "he_uniform",
                            "bias_initializer": "zeros"], inputs: [[2, 8, 5, 3]]),
    LayerExample("DepthwiseConv2D", ["kernel_size": [3, 3], "strides": [1, 2], "padding": "same", "depth_multiplier": 2,
                                     "dilation_rate": [1, 1], "activation": "relu6", "use_bias": false,
                                     "depthwise_initializer": "he_normal", "bias_initializer": "zeros"], inputs: [[2, 6, 6, 3]]),
    LayerExample("BatchNormalization", ["momentum": 0.9, "epsilon": 1.0e-5], inputs: [[2, 4, 3]]),
    LayerExample("LayerNormalization", ["axis": -1, "epsilon": 1.0e-6], inputs: [[2, 4, 3]]),
    LayerExample("Dropout", ["rate": 0.3], inputs: [[2, 4]]),
    LayerExample("MaxPooling1D", ["pool_size": 3, "strides": 2, "padding": "same"], inputs: [[2, 9, 3]]),
    LayerExample("AveragePooling1D", ["pool_size": 4, "padding": "valid"], inputs: [[2, 9, 3]]),
    LayerExample("MaxPooling2D", ["pool_size": [2, 3], "strides": [1, 1], "padding": "valid"], inputs: [[2, 5, 6, 3]]),
    LayerExample("AveragePooling2D", ["pool_size": [2, 2], "padding": "same"], inputs: [[2, 5, 6, 3]]),
    LayerExample("GlobalAveragePooling1D", [:], inputs: [[2, 5, 3]]),
    LayerExample("GlobalAveragePooling2D", [:], inputs: [[2, 5, 4, 3]]),
    LayerExample("GlobalMaxPooling1D", [:], inputs: [[2, 5, 3]]),
    LayerExample("GlobalMaxPooling2D", [:], inputs: [[2, 5, 4, 3]]),
    LayerExample("WindowPooling", ["mode": "attention", "units": 8], inputs: [[2, 4, 6]]),
    LayerExample("NearestPrototype", ["units": 4], inputs: [[2, 6]]),
    LayerExample("Flatten", [:], inputs: [[2, 5, 4, 3]]),
    LayerExample("Reshape", ["target_shape": [4, -1]], inputs: [[2, 12]]),
    LayerExample("Activation", ["activation": "leaky_relu"], inputs: [[2, 3]]),
    LayerExample("Embedding", ["input_dim": 10, "output_dim": 4, "embeddings_initializer": "random_normal"], inputs: [[2, 7]]),
    LayerExample("PositionalEmbedding", ["sequence_length": 16, "initializer": "orthogonal"], inputs: [[2, 7, 4]]),
    LayerExample("MultiHeadAttention", ["num_heads": 2, "key_dim": 3, "use_bias": false, "kernel_initializer": "glorot_normal",
                                        "bias_initializer": "zeros"], inputs: [[2, 5, 6]]),
    LayerExample("GRU", ["units": 4, "return_sequences": true, "go_backwards": true, "use_bias": true,
                         "kernel_initializer": "glorot_uniform", "recurrent_initializer": "glorot_normal",
                         "bias_initializer": "random_uniform", "reset_after": true], inputs: [[2, 5, 3]]),
    LayerExample("Bidirectional", ["layer": "GRU", "merge_mode": "concat", "units": 4, "return_sequences": false,
                                   "go_backwards": false, "use_bias": false, "kernel_initializer": "glorot_uniform",
                                   "recurrent_initializer": "orthogonal", "bias_initializer": "zeros", "reset_after": true],
                 inputs: [[2, 5, 3]]),
    LayerExample("Add", [:], inputs: [[2, 3], [2, 3]]),
    LayerExample("Concatenate", ["axis": 1], inputs: [[2, 3], [2, 5]]),
].map { ($0.config.type, $0) })
