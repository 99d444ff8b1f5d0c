import TensorCore

/// AVERAGE_POOL_2D and MAX_POOL_2D on TensorCore's pooling (NHWC). Both ignore padded positions, as TFLite does:
/// an average divides by the number of real elements in its window.
enum PoolingOps {
    static let averagePool2D = pool(1, "AVERAGE_POOL_2D") { x, size, strides, padding in
        avgPool2d(x, size: size, strides: strides, padding: padding)
    }

    static let maxPool2D = pool(17, "MAX_POOL_2D") { x, size, strides, padding in
        maxPool2d(x, size: size, strides: strides, padding: padding)
    }

    private static func pool(_ code: Int, _ name: String,
                             _ run: @escaping @Sendable (Tensor, (Int, Int), (Int, Int), Padding) -> Tensor) -> OpDefinition {
        OpDefinition(code: code, name: name) { site in
            try site.expect(inputs: 1...1, outputs: 1)
            try site.require(input: 0, [.float32])
            try site.require(output: 0, [.float32])
            // Pool2DOptions: padding 0, stride_w 1, stride_h 2, filter_width 3, filter_height 4, activation 5.
            let o = try site.options(TFLiteSchema.OptionsType.pool2D)
            let read = { (slot: Int) throws -> Int in
                Int(try site.option { () throws(FlatBufferError) in try o?.int(slot, Int32.self) ?? 0 })
            }
            let padding: Padding = try site.padding(try site.option { () throws(FlatBufferError) in
                try o?.int(0, Int8.self) ?? 0
            }) == .same ? .same : .valid
            let strides = (try read(2), try read(1)), size = (try read(4), try read(3))
            guard strides.0 >= 1, strides.1 >= 1, size.0 >= 1, size.1 >= 1 else {
                throw site.invalid("filter \(size) and strides \(strides) must be at least 1")
            }
            let activation = try site.activation(try site.option { () throws(FlatBufferError) in try o?.int(5, Int8.self) ?? 0 })
            return { inputs in
                let x = try inputs.value(0).float("input")
                guard x.rank == 4 else { throw OpFailure("input shape \(x.shape) is not [N,H,W,C]") }
                return [.float32(activation.apply(run(x, size, strides, padding)))]
            }
        }
    }
}
