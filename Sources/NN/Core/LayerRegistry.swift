/// Builds layers from configs by Keras class name, so architectures can be data (YAML) rather than Swift.
public enum LayerRegistry {
    /// Every accepted type name (Keras names and their aliases).
    public static let typeNames: [String] = Array(makers.keys).sorted()

    private static let makers: [String: @Sendable (LayerConfig) throws -> any Module] = [
        "Dense": { try Dense.make($0) },
        "Conv1D": { try Conv1D.make($0) },
        "Conv2D": { try Conv2D.make($0) },
        "DepthwiseConv2D": { try DepthwiseConv2D.make($0) },
        "BatchNormalization": { try BatchNormalization.make($0) },
        "LayerNormalization": { try LayerNormalization.make($0) },
        "Dropout": { try Dropout.make($0) },
        "MaxPooling1D": { try Pool1D.make($0) }, "MaxPool1D": { try Pool1D.make($0) },
        "AveragePooling1D": { try Pool1D.make($0) }, "AvgPool1D": { try Pool1D.make($0) },
        "MaxPooling2D": { try Pool2D.make($0) }, "MaxPool2D": { try Pool2D.make($0) },
        "AveragePooling2D": { try Pool2D.make($0) }, "AvgPool2D": { try Pool2D.make($0) },
        "GlobalAveragePooling1D": { try GlobalAveragePooling.make($0) }, "GlobalAvgPool1D": { try GlobalAveragePooling.make($0) },
        "GlobalAveragePooling2D": { try GlobalAveragePooling.make($0) }, "GlobalAvgPool2D": { try GlobalAveragePooling.make($0) },
        "Flatten": { try Flatten.make($0) },
        "Reshape": { try Reshape.make($0) },
        "Activation": { try Activation.make($0) },
        "Embedding": { try Embedding.make($0) },
        "PositionalEmbedding": { try PositionalEmbedding.make($0) },
        "MultiHeadAttention": { try MultiHeadAttention.make($0) },
        "GRU": { try GRU.make($0) },
        "Bidirectional": { try Bidirectional.make($0) },
        "Add": { try Add.make($0) },
        "Concatenate": { try Concatenate.make($0) },
    ]

    /// A new, unbuilt layer for `config`; throws for unknown types or bad options.
    public static func make(_ config: LayerConfig) throws -> any Module {
        guard let make = makers[config.type] else {
            throw ShapeError("unknown layer type '\(config.type)' (known: \(typeNames.joined(separator: ", ")))")
        }
        return try make(config)
    }
}
