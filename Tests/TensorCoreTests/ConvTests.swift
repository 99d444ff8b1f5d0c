import Testing
import GradCheck
import TensorCore

/// Direct 7-loop convolution used as the reference: slow and obviously right.
private func naiveConv2d(_ x: Tensor, _ k: Tensor, _ bias: Tensor?, strides: (Int, Int), pads: (Int, Int, Int, Int),
                         dilation: (Int, Int), groups: Int, outHW: (Int, Int)) -> [Float] {
    let (n, h, w, cin) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, cg, cout) = (k.shape[0], k.shape[1], k.shape[2], k.shape[3])
    let xs = x.scalars, ks = k.scalars, bs = bias?.scalars
    let cog = cout / groups
    var out = [Float](repeating: 0, count: n * outHW.0 * outHW.1 * cout)
    for s in 0..<n { for i in 0..<outHW.0 { for j in 0..<outHW.1 { for o in 0..<cout {
        var acc = bs?[o] ?? 0
        let grp = o / cog
        for a in 0..<kh { for b in 0..<kw { for c in 0..<cg {
            let y = i * strides.0 + a * dilation.0 - pads.0, xx = j * strides.1 + b * dilation.1 - pads.2
            if y < 0 || y >= h || xx < 0 || xx >= w { continue }
            acc += xs[((s * h + y) * w + xx) * cin + grp * cg + c] * ks[((a * kw + b) * cg + c) * cout + o]
        }}}
        out[((s * outHW.0 + i) * outHW.1 + j) * cout + o] = acc
    }}}}
    return out
}

private func near(_ a: [Float], _ b: [Float], tol: Float = 1e-4) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * (1 + abs($1)) }
}

@Suite struct ConvTests {
    @Test func conv1dValuesByHand() {
        let x = Tensor(shape: [1, 4, 1], data: [1, 2, 3, 4])
        #expect(conv1d(x, Tensor(shape: [2, 1, 1], data: [1, 10]), bias: Tensor(shape: [1], data: [0.5])).scalars == [21.5, 32.5, 43.5] as [Float])
        // Keras "same", stride 2, K 3 on L 4: out 2, one zero padded on the right only.
        let k3 = Tensor(shape: [3, 1, 1], data: [1, 10, 100])
        #expect(conv1d(x, k3, stride: 2, padding: .same).scalars == [321, 43])
        #expect(conv1d(x, k3, stride: 2, padding: .same, algorithm: .im2col).scalars == [321, 43])
        // Dilation 2 (span 5) on [0,1,2,3,4,0]: taps x[t], x[t+2], x[t+4].
        #expect(conv1d(x, k3, padding: .explicit(1, 1), dilation: 2).scalars == [420, 31] as [Float])
        // Two groups of one channel each.
        let x2 = Tensor(shape: [1, 2, 2], data: [1, 2, 3, 4])
        #expect(conv1d(x2, Tensor(shape: [1, 1, 2], data: [2, 3]), groups: 2).scalars == [2, 6, 6, 12])
    }

    @Test func conv2dValuesByHand() {
        let x = Tensor(shape: [1, 3, 3, 1], data: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let k = Tensor(shape: [2, 2, 1, 1], data: [1, 2, 3, 4])
        #expect(conv2d(x, k).scalars == [37, 47, 67, 77])
        #expect(conv2d(x, k, algorithm: .im2col).scalars == [37, 47, 67, 77])
        // Depthwise, multiplier 2: channel 0 feeds outputs 0-1, channel 1 feeds 2-3.
        let xd = Tensor(shape: [1, 1, 1, 2], data: [1, 2])
        #expect(conv2d(xd, Tensor(shape: [1, 1, 1, 4], data: [1, 2, 3, 4]), groups: 2).scalars == [1, 2, 6, 8])
    }

    @Test func bothAlgorithmsMatchTheDirectLoopOnEveryOption() {
        let cases: [(strides: (Int, Int), pad: (Padding, Padding), dil: (Int, Int), groups: Int, cin: Int, cout: Int)] = [
            ((1, 1), (.valid, .valid), (1, 1), 1, 3, 4),
            ((1, 1), (.valid, .same), (1, 2), 1, 5, 2),  // more input than output channels: taps side by side
            ((1, 1), (.same, .same), (1, 1), 1, 3, 4),
            ((1, 1), (.same, .explicit(2, 0)), (2, 1), 1, 2, 3),
            ((2, 1), (.same, .valid), (1, 2), 1, 3, 2),
            ((2, 3), (.explicit(1, 0), .same), (1, 1), 2, 4, 6),
            ((1, 1), (.same, .same), (1, 1), 3, 3, 6),  // depthwise, multiplier 2
            ((2, 1), (.valid, .same), (2, 1), 4, 4, 4),  // depthwise, multiplier 1
        ]
        for (idx, c) in cases.enumerated() {
            let x = randomTensor([2, 6, 7, c.cin], seed: UInt64(100 + idx))
            let k = randomTensor([3, 2, c.cin / c.groups, c.cout], seed: UInt64(200 + idx))
            let b = randomTensor([c.cout], seed: UInt64(300 + idx))
            let y = conv2d(x, k, bias: b, strides: c.strides, padding: c.pad, dilation: c.dil, groups: c.groups, algorithm: .im2col)
            // Recover the padding the op resolved from its output size (Keras rules are checked by hand above).
            let ph = padAmounts(c.pad.0, 6, 3, c.strides.0, c.dil.0), pw = padAmounts(c.pad.1, 7, 2, c.strides.1, c.dil.1)
            #expect(y.shape == [2, ph.out, pw.out, c.cout])
            let ref = naiveConv2d(x, k, b, strides: c.strides, pads: (ph.before, 0, pw.before, 0), dilation: c.dil,
                                  groups: c.groups, outHW: (ph.out, pw.out))
            #expect(near(y.scalars, ref), "im2col case \(idx)")
            if c.groups == c.cin {
                let yd = conv2d(x, k, bias: b, strides: c.strides, padding: c.pad, dilation: c.dil, groups: c.groups, algorithm: .depthwise)
                #expect(near(yd.scalars, ref), "depthwise case \(idx)")
            }
            if c.strides == (1, 1) && c.groups == 1 {
                let ys = conv2d(x, k, bias: b, strides: c.strides, padding: c.pad, dilation: c.dil, algorithm: .shifted)
                #expect(near(ys.scalars, ref), "shifted case \(idx)")
            }
        }
    }

    @Test func conv1dGradientsEveryInput() {
        // Convolution is linear in each input, so central differences are exact up to Float rounding: default tolerances.
        let check = GradCheck()
        for alg in [ConvAlgorithm.shifted, .im2col] {
            check.check([randomTensor([2, 7, 3], seed: 1), randomTensor([3, 3, 4], seed: 2), randomTensor([4], seed: 3)]) {
                conv1d($0[0], $0[1], bias: $0[2], padding: .same, algorithm: alg)
            }
            check.check([randomTensor([2, 9, 2], seed: 4), randomTensor([2, 2, 3], seed: 5)]) {
                conv1d($0[0], $0[1], padding: .explicit(2, 1), dilation: 3, algorithm: alg)
            }
            // More input than output channels (the shifted forward's other lowering).
            check.check([randomTensor([2, 8, 5], seed: 9), randomTensor([3, 5, 2], seed: 10), randomTensor([2], seed: 11)]) {
                conv1d($0[0], $0[1], bias: $0[2], algorithm: alg)
            }
        }
        check.check([randomTensor([2, 9, 4], seed: 6), randomTensor([3, 2, 6], seed: 7), randomTensor([6], seed: 8)]) {
            conv1d($0[0], $0[1], bias: $0[2], stride: 2, padding: .same, groups: 2)
        }
    }

    @Test func conv2dGradientsEveryInput() {
        let check = GradCheck()
        check.check([randomTensor([2, 5, 4, 2], seed: 11), randomTensor([3, 2, 2, 3], seed: 12), randomTensor([3], seed: 13)]) {
            conv2d($0[0], $0[1], bias: $0[2], padding: (.same, .same))
        }
        check.check([randomTensor([1, 6, 5, 2], seed: 14), randomTensor([2, 3, 2, 2], seed: 15)]) {
            conv2d($0[0], $0[1], strides: (2, 1), padding: (.same, .valid), dilation: (1, 2))
        }
        // Depthwise, multiplier 2 (direct loops) and multiplier 1 through both lowerings.
        for alg in [ConvAlgorithm.depthwise, .im2col] {
            check.check([randomTensor([2, 5, 2], seed: 19), randomTensor([3, 1, 2], seed: 20), randomTensor([2], seed: 21)]) {
                conv1d($0[0], $0[1], bias: $0[2], padding: .same, dilation: 2, groups: 2, algorithm: alg)
            }
        }
        check.check([randomTensor([1, 4, 4, 3], seed: 16), randomTensor([3, 3, 1, 6], seed: 17), randomTensor([6], seed: 18)]) {
            conv2d($0[0], $0[1], bias: $0[2], strides: (2, 2), padding: (.same, .same), groups: 3)
        }
    }

    @Test func fusedReluIsExactlyConvThenRelu() {
        // Same values and same gradients bit for bit, on every lowering (only .shifted fuses; the others fall back).
        // Both shifted forwards: fewer input than output channels (per tap) and more (taps side by side).
        for (alg, cin, cout) in [(ConvAlgorithm.shifted, 3, 4), (.shifted, 6, 2), (.im2col, 3, 4)] {
            func run(_ fused: Bool) -> [[Float]] {
                let x = randomTensor([2, 9, cin], seed: 31), k = randomTensor([3, cin, cout], seed: 32)
                let b = randomTensor([cout], seed: 33)
                for t in [x, k, b] { t.setRequiresGrad(true) }
                let y = fused ? conv1d(x, k, bias: b, padding: .same, algorithm: alg, relu: true)
                              : conv1d(x, k, bias: b, padding: .same, algorithm: alg).relu()
                let seed = randomTensor(y.shape, seed: 34)
                y.backward(seed: seed)
                return [y.scalars, x.grad!.scalars, k.grad!.scalars, b.grad!.scalars]
            }
            let fused = run(true), plain = run(false)
            #expect(fused == plain, "\(alg) \(cin)->\(cout)")
            #expect(fused[0].contains(0) && fused[0].contains { $0 > 0 }, "the case must exercise both sides of the ReLU")
        }
    }

    @Test func inputGradientSkippedWhenNotNeeded() {
        let x = randomTensor([1, 5, 2], seed: 21)
        let k = randomTensor([3, 2, 2], seed: 22)
        k.setRequiresGrad(true)
        conv1d(x, k).sum().backward()
        #expect(x.grad == nil && k.grad != nil)
    }
}

/// Keras padding arithmetic, restated for the reference loop.
private func padAmounts(_ p: Padding, _ len: Int, _ k: Int, _ s: Int, _ d: Int) -> (before: Int, out: Int) {
    let span = (k - 1) * d + 1
    switch p {
    case .valid: return (0, (len - span) / s + 1)
    case .same:
        let out = (len + s - 1) / s
        return (max((out - 1) * s + span - len, 0) / 2, out)
    case let .explicit(b, a): return (b, (len + b + a - span) / s + 1)
    }
}

/// Σ y·r, and the gradients of it with respect to x and the kernel: for a convolution without bias, linear in each,
/// Σ y·r = Σ x·∂x = Σ k·∂k, which fails for almost any wrong gradient value.
private func adjointSums(_ conv: (Tensor, Tensor) -> Tensor, x: Tensor, k: Tensor, seed: UInt64) -> (Double, Double, Double) {
    x.setRequiresGrad(true)
    k.setRequiresGrad(true)
    let y = conv(x, k)
    let r = randomTensor(y.shape, seed: seed)
    y.backward(seed: r)
    func dot(_ a: [Float], _ b: [Float]) -> Double { zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) } }
    return (dot(y.scalars, r.scalars), dot(x.scalars, x.grad!.scalars), dot(k.scalars, k.grad!.scalars))
}

/// Convolutions large enough to be split over samples across the worker pool (im2col and col2im copy a window
/// row's taps in one run; depthwise loops): the same values as the direct loop and gradients that satisfy the
/// adjoint identity, on the shapes the 2D models use (a one-channel image under an 11×11 stride-4 kernel, 5×5
/// strided with padding, depthwise 3×3).
@Suite struct LargeConvTests {
    @Test func largeIm2colConvolutionsMatchTheDirectLoopAndTheirAdjoint() {
        let cases: [(x: [Int], k: [Int], strides: (Int, Int), pad: Padding)] = [
            ([8, 64, 40, 1], [11, 11, 1, 3], (4, 4), .valid),
            ([8, 40, 30, 2], [5, 5, 2, 4], (2, 2), .same),
        ]
        for (idx, c) in cases.enumerated() {
            let x = randomTensor(c.x, seed: UInt64(400 + idx)), k = randomTensor(c.k, seed: UInt64(500 + idx))
            let y = conv2d(x, k, strides: c.strides, padding: (c.pad, c.pad), algorithm: .im2col)
            let ph = padAmounts(c.pad, c.x[1], c.k[0], c.strides.0, 1), pw = padAmounts(c.pad, c.x[2], c.k[1], c.strides.1, 1)
            #expect(y.shape[0] * y.shape[1] * y.shape[2] * c.k[0] * c.k[1] * c.k[2] >= 1 << 16, "case \(idx) must be split")
            let ref = naiveConv2d(x, k, nil, strides: c.strides, pads: (ph.before, 0, pw.before, 0), dilation: (1, 1),
                                  groups: 1, outHW: (ph.out, pw.out))
            #expect(near(y.scalars, ref), "im2col case \(idx)")
            let (yr, xg, kg) = adjointSums({ conv2d($0, $1, strides: c.strides, padding: (c.pad, c.pad), algorithm: .im2col) },
                                           x: x, k: k, seed: UInt64(600 + idx))
            #expect(abs(xg - yr) <= 1e-4 * abs(yr) && abs(kg - yr) <= 1e-4 * abs(yr), "case \(idx): \(yr) \(xg) \(kg)")
        }
    }

    @Test func largeDepthwiseConvolutionMatchesIm2colAndItsAdjoint() {
        let x = randomTensor([8, 30, 20, 16], seed: 700), k = randomTensor([3, 3, 1, 16], seed: 701)
        let direct = conv2d(x, k, strides: (1, 1), padding: (.same, .same), groups: 16, algorithm: .depthwise)
        let im2col = conv2d(x, k, strides: (1, 1), padding: (.same, .same), groups: 16, algorithm: .im2col)
        #expect(direct.count >= 1 << 16)
        #expect(near(direct.scalars, im2col.scalars))
        for (i, s) in [(1, 1), (2, 2)].enumerated() {
            let (yr, xg, kg) = adjointSums({ conv2d($0, $1, strides: s, padding: (.same, .same), groups: 16, algorithm: .depthwise) },
                                           x: randomTensor([8, 30, 20, 16], seed: 702), k: randomTensor([3, 3, 1, 16], seed: 703),
                                           seed: UInt64(704 + i))
            #expect(abs(xg - yr) <= 1e-4 * abs(yr) && abs(kg - yr) <= 1e-4 * abs(yr), "strides \(s): \(yr) \(xg) \(kg)")
        }
    }
}
