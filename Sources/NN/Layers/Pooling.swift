import TensorCore

/// Max or average, for the pooling layers.
public enum PoolKind: String, Sendable {
    /// Largest value in the window.
    case max
    /// Mean of the real (unpadded) values in the window.
    case average
}

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
    public var config: LayerConfig {
        var o: [String: ConfigValue] = ["pool_size": .int(poolSize), "padding": .string(padding.rawValue)]
        if let strides { o["strides"] = .int(strides) }
        return LayerConfig(type: typeName, options: o)
    }

    /// Rebuilds from `config` (type MaxPooling1D/MaxPool1D or AveragePooling1D/AvgPool1D).
    public static func make(_ c: LayerConfig) throws -> Pool1D {
        let kind: PoolKind = c.type.hasPrefix("Max") ? .max : .average
        let padding = try PaddingMode(name: c.string("padding", "valid"))
        if padding == .causal { throw ShapeError("\(c.type): padding must be valid or same") }
        return Pool1D(kind, poolSize: try c.ints("pool_size", count: 1, [2])[0],
                      strides: c.options["strides"] == nil ? nil : try c.ints("strides", count: 1)[0], padding: padding)
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let op = kind == .max ? "max_pool1d" : "avg_pool1d"
        let s = try singleInput(inputShapes, op, rank: 3, layout: "[N,L,C]")
        guard let l = padding.outputLength(s[1], kernel: poolSize, stride: strides ?? poolSize, dilation: 1) else {
            throw ShapeError("\(op): pool \(poolSize) does not fit \(formatShape(s))")
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
    public var config: LayerConfig {
        var o: [String: ConfigValue] = ["pool_size": .ints(poolSize), "padding": .string(padding.rawValue)]
        if let strides { o["strides"] = .ints(strides) }
        return LayerConfig(type: typeName, options: o)
    }

    /// Rebuilds from `config` (type MaxPooling2D/MaxPool2D or AveragePooling2D/AvgPool2D).
    public static func make(_ c: LayerConfig) throws -> Pool2D {
        let kind: PoolKind = c.type.hasPrefix("Max") ? .max : .average
        let padding = try PaddingMode(name: c.string("padding", "valid"))
        if padding == .causal { throw ShapeError("\(c.type): padding must be valid or same") }
        return Pool2D(kind, poolSize: try c.ints("pool_size", count: 2, [2, 2]),
                      strides: c.options["strides"] == nil ? nil : try c.ints("strides", count: 2), padding: padding)
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let op = kind == .max ? "max_pool2d" : "avg_pool2d"
        let s = try singleInput(inputShapes, op, rank: 4, layout: "[N,H,W,C]")
        let st = strides ?? poolSize
        guard let h = padding.outputLength(s[1], kernel: poolSize[0], stride: st[0], dilation: 1),
              let w = padding.outputLength(s[2], kernel: poolSize[1], stride: st[1], dilation: 1) else {
            throw ShapeError("\(op): pool \(poolSize) does not fit \(formatShape(s))")
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

/// Keras GlobalAveragePooling1D ([N, L, C] → [N, C]) or 2D ([N, H, W, C] → [N, C]).
public final class GlobalAveragePooling: Module {
    /// 1 or 2 spatial dimensions.
    public let dimensions: Int

    /// Global average pooling over `dimensions` (1 or 2) spatial axes.
    public init(dimensions: Int) {
        precondition(dimensions == 1 || dimensions == 2, "GlobalAveragePooling: 1 or 2 dimensions")
        self.dimensions = dimensions
    }

    public var typeName: String { "GlobalAveragePooling\(dimensions)D" }
    public var config: LayerConfig { LayerConfig(type: typeName) }

    /// Rebuilds from `config` (the dimension is in the type name).
    public static func make(_ c: LayerConfig) throws -> GlobalAveragePooling {
        GlobalAveragePooling(dimensions: c.type.contains("1D") ? 1 : 2)
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "global_avg_pool\(dimensions)d", rank: dimensions + 2,
                                layout: dimensions == 1 ? "[N,L,C]" : "[N,H,W,C]")
        return [s[0], s.last!]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }
    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor { globalAvgPool(inputs[0]) }
}
