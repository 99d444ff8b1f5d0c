import TensorCore

/// CONV_2D and DEPTHWISE_CONV_2D on TensorCore's conv2d (NHWC, the same layout as TFLite). TFLite stores conv
/// filters [Cout, KH, KW, Cin] and depthwise filters [1, KH, KW, Cout]; constant filters are put in TensorCore's
/// [KH, KW, Cin, Cout] layout once, when the model is loaded.
enum ConvolutionOps {
    static let conv2D = OpDefinition(code: 3, name: "CONV_2D") { site in
        let geometry = try Geometry(site, optionsType: TFLiteSchema.OptionsType.conv2D,
                                    slots: (padding: 0, strideW: 1, strideH: 2, activation: 3, dilationW: 4, dilationH: 5))
        let constantKernel = try site.constant(1).map { try kernelLayout(try $0.float("filter")) }
        return { inputs in
            let x = try inputs.value(0).float("input")
            let filter = try inputs.value(1).float("filter")
            let kernel = try constantKernel ?? kernelLayout(filter)
            guard x.rank == 4 else { throw OpFailure("input shape \(x.shape) is not [N,H,W,C]") }
            let cin = x.shape[3], perGroup = kernel.shape[2], cout = kernel.shape[3]
            guard perGroup > 0, cin % perGroup == 0, cout % (cin / perGroup) == 0 else {
                throw OpFailure("filter \(filter.shape) does not fit \(cin) input channels")
            }
            return [.float32(try geometry.run(x, kernel, inputs, groups: cin / perGroup))]
        }
    }

    static let depthwiseConv2D = OpDefinition(code: 4, name: "DEPTHWISE_CONV_2D") { site in
        let geometry = try Geometry(site, optionsType: TFLiteSchema.OptionsType.depthwiseConv2D,
                                    slots: (padding: 0, strideW: 1, strideH: 2, activation: 4, dilationW: 5, dilationH: 6))
        return { inputs in
            let x = try inputs.value(0).float("input")
            let filter = try inputs.value(1).float("filter")
            guard x.rank == 4 else { throw OpFailure("input shape \(x.shape) is not [N,H,W,C]") }
            guard filter.rank == 4, filter.shape[0] == 1 else { throw OpFailure("filter shape \(filter.shape) is not [1,KH,KW,C]") }
            let cin = x.shape[3], cout = filter.shape[3]
            guard cin > 0, cout % cin == 0 else {
                throw OpFailure("\(cout) output channels are not a multiple of \(cin) input channels")
            }
            // [1, KH, KW, Cout] and [KH, KW, 1, Cout] are the same bytes.
            let kernel = filter.reshaped([filter.shape[1], filter.shape[2], 1, cout])
            return [.float32(try geometry.run(x, kernel, inputs, groups: cin))]
        }
    }

    /// [Cout, KH, KW, Cin] → [KH, KW, Cin, Cout].
    private static func kernelLayout(_ filter: Tensor) throws -> Tensor {
        guard filter.rank == 4 else { throw OpFailure("filter shape \(filter.shape) is not [Cout,KH,KW,Cin]") }
        return filter.permuted([1, 2, 3, 0])
    }

    /// Strides, dilation, padding and activation of one convolution, read and checked at load time.
    private struct Geometry {
        let padding: Padding
        let strides: (Int, Int)
        let dilation: (Int, Int)
        let activation: FusedActivation

        init(_ site: OpSite, optionsType: UInt8,
             slots: (padding: Int, strideW: Int, strideH: Int, activation: Int, dilationW: Int, dilationH: Int)) throws {
            try site.expect(inputs: 2...3, outputs: 1)
            try site.require(input: 0, [.float32])
            try site.require(input: 1, [.float32], what: "filter")
            if site.input(2) != nil { try site.require(input: 2, [.float32], what: "bias") }
            try site.require(output: 0, [.float32])
            let o = try site.options(optionsType)
            let read = { (slot: Int, def: Int32) throws -> Int in
                Int(try site.option { () throws(FlatBufferError) in try o?.int(slot, Int32.self, default: def) ?? def })
            }
            let paddingCode = try site.option { () throws(FlatBufferError) in try o?.int(slots.padding, Int8.self) ?? 0 }
            padding = try site.padding(paddingCode) == .same ? .same : .valid
            strides = (try read(slots.strideH, 0), try read(slots.strideW, 0))
            dilation = (try read(slots.dilationH, 1), try read(slots.dilationW, 1))
            guard strides.0 >= 1, strides.1 >= 1, dilation.0 >= 1, dilation.1 >= 1 else {
                throw site.invalid("strides \(strides) and dilation \(dilation) must be at least 1")
            }
            activation = try site.activation(try site.option { () throws(FlatBufferError) in
                try o?.int(slots.activation, Int8.self) ?? 0
            })
        }

        func run(_ x: Tensor, _ kernel: Tensor, _ inputs: [TFLiteValue?], groups: Int) throws -> Tensor {
            let cout = kernel.shape[3]
            guard kernel.shape[0] >= 1, kernel.shape[1] >= 1 else { throw OpFailure("empty filter \(kernel.shape)") }
            // Output and im2col column sizes: rows of at most N·H·W, times Cout or KH·KW·Cin.
            _ = try ElementCount.checked([x.shape[0], x.shape[1], x.shape[2], cout])
            _ = try ElementCount.checked([x.shape[0], x.shape[1], x.shape[2], kernel.shape[0], kernel.shape[1], x.shape[3]])
            if padding == .same {
                // SAME pads the input into a copy; a huge dilation would make that copy huge.
                func padded(_ length: Int, _ k: Int, _ s: Int, _ d: Int) -> Int {
                    let out = (length + s - 1) / s, span = (k - 1) * d + 1
                    return Swift.max(length, (out - 1) * s + span)
                }
                _ = try ElementCount.checked([x.shape[0], padded(x.shape[1], kernel.shape[0], strides.0, dilation.0),
                                              padded(x.shape[2], kernel.shape[1], strides.1, dilation.1), x.shape[3]])
            }
            var bias: Tensor?
            if inputs.count > 2, let b = inputs[2] {
                let t = try b.float("bias")
                guard t.shape == [cout] else { throw OpFailure("bias shape \(t.shape) is not [\(cout)]") }
                bias = t
            }
            let y = conv2d(x, kernel, bias: bias, strides: strides, padding: (padding, padding), dilation: dilation,
                           groups: groups)
            return activation.apply(y)
        }
    }
}
