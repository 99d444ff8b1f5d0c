import TensorCore

/// Keras MaxPooling1D / AveragePooling1D on [N, L, C]; `strides` defaults to `poolSize`.
public final class Pool1D: Module {
    /// Max or average.
    public let kind: PoolKind
    /// Window length.
    public let poolSize: Int
    /// Step (nil = poolSize).
    public let strides: Int?
    /// valid or same.
    public let padding: PaddingMode

    /// A 1-D pooling layer with Keras defaults (pool 2, stride = pool, valid).
    public init(_ kind: PoolKind, poolSize: Int = 2, strides: Int? = nil, padding: PaddingMode = .valid) {
        precondition(poolSize > 0 && (strides ?? 1) > 0 && padding != .causal, "Pool1D: sizes must be positive, padding valid or same")
        self.kind = kind; self.poolSize = poolSize; self.strides = strides; self.padding = padding
    }

    public var typeName: String { kind == .max ? "MaxPooling1D" : "AveragePooling1D" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let op = kind == .max ? "max_pool1d" : "avg_pool1d"
        let s = try singleInput(inputShapes, op, rank: 3, layout: "[N,L,C]")
        guard let l = padding.outputLength(s[1], kernel: poolSize, stride: strides ?? poolSize, dilation: 1) else {
            throw ShapeError(op: op, "pool \(poolSize) does not fit \(formatShape(s))")
        }
        return [s[0], l, s[2]]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let p = padding.op(kernel: 1, dilation: 1)
        return kind == .max ? maxPool1d(inputs[0], size: poolSize, stride: strides, padding: p)
                            : avgPool1d(inputs[0], size: poolSize, stride: strides, padding: p)
    }
}

extension Pool1D: CatalogueLayer {
    static let poolSize = LayerOption<Int>.size1D("pool_size", default: 2)
    static let strides = LayerOption<Int?>.size1D("strides", derivedFrom: "pool_size")
    static let padding = LayerOption<PaddingMode>.padding(causal: false)

    public static let kinds = [
        kind(.max, "MaxPooling1D", yaml: "max_pool1d", alias: "MaxPool1D", summary: "largest value of each window along L of [N, L, C]"),
        kind(.average, "AveragePooling1D", yaml: "avg_pool1d", alias: "AvgPool1D", summary: "mean of each window along L of [N, L, C]"),
    ]

    private static func kind(_ pool: PoolKind, _ name: String, yaml: String, alias: String, summary: String) -> LayerKind {
        LayerKind(name, yaml: yaml, aliases: [alias], summary: summary, options: [poolSize.spec, strides.spec, padding.spec]) { o in
            Pool1D(pool, poolSize: o[poolSize], strides: o[strides], padding: o[padding])
        }
    }

    public var config: LayerConfig {
        Self.kinds[kind == .max ? 0 : 1].config(Self.poolSize.entry(poolSize), Self.strides.entry(strides), Self.padding.entry(padding))
    }
}
