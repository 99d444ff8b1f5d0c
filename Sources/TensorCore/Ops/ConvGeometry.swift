/// How a convolution or pooling window treats the borders of one spatial axis.
public enum Padding: Equatable, Sendable {
    /// No padding: only windows that fit entirely inside the input.
    case valid
    /// Keras "same": output length ceil(L / stride), padding split with the smaller half before.
    case same
    /// Explicit zeros before and after.
    case explicit(Int, Int)

    /// (before, after) padding and output length for an axis of `length` with this window.
    func resolve(length: Int, window: Int, stride: Int, dilation: Int) -> (before: Int, after: Int, out: Int) {
        let span = (window - 1) * dilation + 1
        switch self {
        case .valid:
            return (0, 0, length >= span ? (length - span) / stride + 1 : 0)
        case .same:
            let out = (length + stride - 1) / stride
            let total = Swift.max((out - 1) * stride + span - length, 0)
            return (total / 2, total - total / 2, out)
        case let .explicit(b, a):
            precondition(b >= 0 && a >= 0, "padding .explicit(\(b), \(a)) must not be negative")
            let padded = length + b + a
            return (b, a, padded >= span ? (padded - span) / stride + 1 : 0)
        }
    }
}

/// The geometry of one 2-D channels-last convolution (1-D is the case H = 1, KH = 1).
struct ConvGeometry {
    let n, h, w, cin, kh, kw, cout, groups: Int
    let sh, sw, dh, dw: Int
    let padTop, padBottom, padLeft, padRight: Int
    let hout, wout: Int
    var hp: Int { h + padTop + padBottom }
    var wp: Int { w + padLeft + padRight }
    var cinG: Int { cin / groups }
    var coutG: Int { cout / groups }
    var padded: Bool { padTop + padBottom + padLeft + padRight > 0 }

    /// Stride-1 ungrouped convolutions run as shifted sgemms over the flattened padded input, with no im2col copy.
    var usesShiftedGemm: Bool { groups == 1 && sh == 1 && sw == 1 }

    /// Copies `x` [N,H,W,C] into a zeroed [N,Hp,Wp,C] buffer (or returns x when nothing is padded).
    func pad(_ x: Tensor, channels c: Int) -> Tensor {
        if !padded { return x }
        let out = Tensor.zeros([n, hp, wp, c])
        let src = x.pointer, dst = out.pointer
        for b in 0..<n {
            for i in 0..<h {
                (dst + ((b * hp + i + padTop) * wp + padLeft) * c).update(from: src + (b * h + i) * w * c, count: w * c)
            }
        }
        return out
    }

    /// The inverse of `pad` for gradients: the interior of a [N,Hp,Wp,C] buffer.
    func unpad(_ xp: Tensor, channels c: Int) -> Tensor {
        if !padded { return xp }
        let out = Tensor(uninitialized: [n, h, w, c])
        let src = xp.pointer, dst = out.pointer
        for b in 0..<n {
            for i in 0..<h {
                (dst + (b * h + i) * w * c).update(from: src + ((b * hp + i + padTop) * wp + padLeft) * c, count: w * c)
            }
        }
        return out
    }
}
