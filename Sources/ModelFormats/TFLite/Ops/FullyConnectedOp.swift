import TensorCore

/// FULLY_CONNECTED: input [..., K] seen as [count/K, K] times weights [units, K] transposed, plus bias, on
/// TensorCore's matmul (one sgemm).
enum FullyConnectedOp {
    static let fullyConnected = OpDefinition(code: 9, name: "FULLY_CONNECTED") { site in
        try site.expect(inputs: 2...3, outputs: 1)
        try site.require(input: 0, [.float32])
        try site.require(input: 1, [.float32], what: "weights")
        if site.input(2) != nil { try site.require(input: 2, [.float32], what: "bias") }
        try site.require(output: 0, [.float32])
        let o = try site.options(TFLiteSchema.OptionsType.fullyConnected)
        let activation = try site.activation(try site.option { () throws(FlatBufferError) in try o?.int(0, Int8.self) ?? 0 })
        let format = try site.option { () throws(FlatBufferError) in try o?.int(1, Int8.self) ?? 0 }
        guard format == 0 else { throw site.unsupported("weights_format \(format) (only DEFAULT)") }
        let keepNumDims = try site.option { () throws(FlatBufferError) in try o?.bool(2) ?? false }
        return { inputs in
            let x = try inputs.value(0).float("input"), w = try inputs.value(1).float("weights")
            guard w.rank == 2 else { throw OpFailure("weights shape \(w.shape) is not [units, K]") }
            let units = w.shape[0], k = w.shape[1]
            guard k > 0, x.count % k == 0 else { throw OpFailure("input \(x.shape) does not divide into rows of \(k)") }
            let rows = x.count / k
            _ = try ElementCount.checked([rows, units])
            var y = matmul(x.reshaped([rows, k]), w, transposeB: true)
            if inputs.count > 2, let b = inputs[2] {
                let bias = try b.float("bias")
                guard bias.shape == [units] else { throw OpFailure("bias shape \(bias.shape) is not [\(units)]") }
                y = y + bias
            }
            if keepNumDims {
                guard x.rank >= 1, x.shape[x.rank - 1] == k else {
                    throw OpFailure("keep_num_dims needs the input's last dimension to be \(k), shape is \(x.shape)")
                }
                y = y.reshaped(Array(x.shape.dropLast()) + [units])
            }
            return [.float32(activation.apply(y))]
        }
    }
}
