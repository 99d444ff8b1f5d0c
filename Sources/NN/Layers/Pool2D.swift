import TensorCore

/// Keras MaxPooling2D / AveragePooling2D on [N, H, W, C]; `strides` defaults to `poolSize`.
public final class Pool2D: Module {
    /// Max or average.
    public let kind: PoolKind
    /// Window (height, width).
    public let poolSize: [Int]
    /// Steps (nil = poolSize).
    public let strides: [Int]?
    /// valid or same.
    public let padding: PaddingMode

    /// A 2-D pooling layer with Keras defaults (pool 2x2, stride = pool, valid).
    public init(_ kind: PoolKind, poolSize: [Int] = [2, 2], strides: [Int]? = nil, padding: PaddingMode = .valid) {
        precondition(poolSize.count == 2 && (strides?.count ?? 2) == 2, "Pool2D: sizes need two values")
        precondition((poolSize + (strides ?? [])).allSatisfy { $0 > 0 } && padding != .causal, "Pool2D: sizes must be positive, padding valid or same")
        self.kind = kind; self.poolSize = poolSize; self.strides = strides; self.padding = padding
    }

    public var typeName: String { kind == .max ? "MaxPooling2D" : "AveragePooling2D" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let op = kind == .max ? "max_pool2d" : "avg_pool2d"
        let s = try singleInput(inputShapes, op, rank: 4, layout: "[N,H,W,C]")
        let st = strides ?? poolSize
        guard let h = padding.outputLength(s[1], kernel: poolSize[0], stride: st[0], dilation: 1),
              let w = padding.outputLength(s[2], kernel: poolSize[1], stride: st[1], dilation: 1) else {
            throw ShapeError(op: op, "pool \(poolSize) does not fit \(formatShape(s))")
        }
        return [s[0], h, w, s[3]]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let p = padding.op(kernel: 1, dilation: 1), size = (poolSize[0], poolSize[1])
        let st = strides.map { ($0[0], $0[1]) }
        return kind == .max ? maxPool2d(inputs[0], size: size, strides: st, padding: p)
                            : avgPool2d(inputs[0], size: size, strides: st, padding: p)
    }
}

extension Pool2D: CatalogueLayer {
    static let poolSize = LayerOption<[Int]>.sizes("pool_size", count: 2, default: [2, 2])
    static let strides = LayerOption<[Int]?>.sizes("strides", count: 2, derivedFrom: "pool_size")
    static let padding = LayerOption<PaddingMode>.padding(causal: false)

    public static let kinds = [
        kind(.max, "MaxPooling2D", yaml: "max_pool2d", alias: "MaxPool2D", summary: "largest value of each window of [N, H, W, C]"),
        kind(.average, "AveragePooling2D", yaml: "avg_pool2d", alias: "AvgPool2D", summary: "mean of each window of [N, H, W, C]"),
    ]

    private static func kind(_ pool: PoolKind, _ name: String, yaml: String, alias: String, summary: String) -> LayerKind {
        LayerKind(name, yaml: yaml, aliases: [alias], summary: summary, options: [poolSize.spec, strides.spec, padding.spec]) { o in
            Pool2D(pool, poolSize: o[poolSize], strides: o[strides], padding: o[padding])
        }
    }

    public var config: LayerConfig {
        Self.kinds[kind == .max ? 0 : 1].config(Self.poolSize.entry(poolSize), Self.strides.entry(strides), Self.padding.entry(padding))
    }
}
