import TensorCore

/// Keras padding names for convolutions and pooling.
public enum PaddingMode: String, Sendable, CaseIterable {
    /// Only windows that fit.
    case valid
    /// Output length ceil(L / stride); the extra padded element goes after.
    case same
    /// Left padding of (K − 1)·dilation so no output sees the future (Conv1D only).
    case causal

    /// The TensorCore padding for a window of `kernel` taps at `dilation`.
    func op(kernel: Int, dilation: Int) -> Padding {
        switch self {
        case .valid: .valid
        case .same: .same
        case .causal: .explicit((kernel - 1) * dilation, 0)
        }
    }

    /// Output length along one axis (the same formula as the ops), or nil when the window does not fit.
    func outputLength(_ length: Int, kernel: Int, stride: Int, dilation: Int) -> Int? {
        let span = (kernel - 1) * dilation + 1
        switch self {
        case .same: return length >= 1 ? (length + stride - 1) / stride : nil
        case .valid: return length >= span ? (length - span) / stride + 1 : nil
        case .causal: return length >= 1 ? (length - 1) / stride + 1 : nil
        }
    }
}

extension LayerOption where Value == PaddingMode {
    /// The `padding` option, valid by default; `causal` only where the layer is 1-D.
    public static func padding(causal: Bool) -> Self {
        .choice("padding", default: .valid, only: causal ? nil : [.valid, .same])
    }
}
