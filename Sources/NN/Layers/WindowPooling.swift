import TensorCore

/// Pools a clip's windows into one vector: [N, T, F + 1] → [N, F], where the last input column is 1 on a real
/// window and 0 on padding (clips have different numbers of windows, a batch has one T). Padding never reaches
/// the output. `attention` learns a weight per window, softmax over the clip's real windows of
/// wᵀ·tanh(x·V + c) (Ilse et al. 2018, attention-based multiple-instance pooling), so the windows that hold the
/// animal count more than silence or noise.
public final class WindowPooling: Module {
    public enum Mode: String, Sendable, CaseIterable { case mean, max, attention }

    public let mode: Mode
    /// Width of the attention's hidden layer.
    public let units: Int
    public private(set) var ownParameters: [Parameter] = []

    public init(mode: Mode, units: Int = 128) {
        precondition(units > 0, "WindowPooling: units must be positive, got \(units)")
        self.mode = mode
        self.units = units
    }

    public var typeName: String { "WindowPooling" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let s = try singleInput(inputShapes, "window_pooling", rank: 3, layout: "[N, windows, features + 1 mask column]")
        guard s[2] >= 2 else { throw ShapeError(op: "window_pooling", "needs at least one feature before the mask column, got \(formatShape(s))") }
        return [s[0], s[2] - 1]
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let out = try outputShape(for: inputShapes)
        let features = out[1]
        if mode == .attention {
            if let v = ownParameters.first {
                guard v.value.shape[0] == features else {
                    throw ShapeError(op: "window_pooling", "was built for \(v.value.shape[0]) features, got \(formatShape(inputShapes[0]))")
                }
            } else {
                ownParameters = [Parameter("kernel", shape: [features, units], initializer: .glorotUniform),
                                 Parameter("bias", shape: [units], initializer: .zeros),
                                 Parameter("score", shape: [units, 1], initializer: .glorotUniform)]
            }
        }
        return out
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let x = inputs[0]
        let (n, t, f) = (x.shape[0], x.shape[1], x.shape[2] - 1)
        let values = x.sliced(axis: 2, 0..<f)
        // The mask is data, not a function of the weights: read once, no gradient.
        let real = Tensor.withoutGrad { x.sliced(axis: 2, f..<(f + 1)) }.scalars.map { $0 > 0.5 }
        switch mode {
        case .mean:
            let counts = (0..<n).map { b in Float(max(1, (0..<t).filter { real[b * t + $0] }.count)) }
            let weights = Tensor(shape: [n, t, 1], data: (0..<(n * t)).map { real[$0] ? 1 / counts[$0 / t] : 0 })
            return (values * weights).sum(axes: [1])
        case .max:
            let offsets = Tensor(shape: [n, t, 1], data: real.map { $0 ? 0 : -1e30 })
            return (values + offsets).max(axes: [1])
        case .attention:
            let hidden = (matmul(values.reshaped([n * t, f]), ownParameters[0].value) + ownParameters[1].value).tanh()
            let offsets = Tensor(shape: [n, t], data: real.map { $0 ? 0 : -1e9 })
            let weights = (matmul(hidden, ownParameters[2].value).reshaped([n, t]) + offsets).softmax(axis: -1)
            return (values * weights.reshaped([n, t, 1])).sum(axes: [1])
        }
    }
}

extension WindowPooling: CatalogueLayer {
    static let mode = LayerOption<Mode>.choice("mode", default: .mean)
    static let units = LayerOption<Int>.integer("units", 1...4096, default: 128)

    public static let kinds = [LayerKind(
        "WindowPooling", yaml: "window_pooling",
        summary: "a clip's windows [N, T, F + mask column] → [N, F] by mean, max or learned attention over the real windows",
        options: [mode.spec, units.spec]
    ) { o in WindowPooling(mode: o[mode], units: o[units]) }]

    public var config: LayerConfig { Self.kinds[0].config(Self.mode.entry(mode), Self.units.entry(units)) }
}
