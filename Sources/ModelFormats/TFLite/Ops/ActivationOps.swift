import TensorCore

/// LOGISTIC, and the activations TFLite fuses into the op before it (clamps of its output).

/// TFLite's ActivationFunctionType values this reader applies; TANH and SIGN_BIT are refused at load time.
enum FusedActivation: Int8 {
    case none = 0, relu = 1, reluN1To1 = 2, relu6 = 3

    func apply(_ t: Tensor) -> Tensor {
        switch self {
        case .none: t
        case .relu: t.relu()
        case .reluN1To1: t.clamp(min: -1, max: 1)
        case .relu6: t.relu6()
        }
    }

    /// Integer ops clamp to the same range (TFLite's CalculateActivationRange for int32).
    func apply(_ v: Int32) -> Int32 {
        switch self {
        case .none: v
        case .relu: Swift.max(v, 0)
        case .reluN1To1: Swift.min(Swift.max(v, -1), 1)
        case .relu6: Swift.min(Swift.max(v, 0), 6)
        }
    }

    func apply(_ value: TFLiteValue) -> TFLiteValue {
        if self == .none { return value }
        switch value {
        case let .float32(t): return .float32(apply(t))
        case let .int32(a): return .int32(HostArray(shape: a.shape, values: a.values.map { apply($0) }))
        case .complex64: return value
        }
    }
}

enum ActivationOps {
    static let logistic = OpDefinition(code: 14, name: "LOGISTIC") { site in
        try site.expect(inputs: 1...1, outputs: 1)
        try site.require(input: 0, [.float32])
        try site.require(output: 0, [.float32])
        // TensorCore's vectorised sigmoid: a swish network spends most of its sigmoid time in libm's exp.
        return { inputs in [.float32(try inputs.value(0).float("input").fastSigmoid())] }
    }
}
