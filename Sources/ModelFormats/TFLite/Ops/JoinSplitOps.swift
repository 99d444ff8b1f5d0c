import TensorCore

/// CONCATENATION and PACK (float ones on TensorCore's concat and stack) and SPLIT_V.
enum JoinSplitOps {
    static let concatenation = OpDefinition(code: 2, name: "CONCATENATION") { site in
        guard site.inputCount >= 1, site.outputCount == 1 else { throw site.invalid("needs inputs and one output") }
        for i in 0..<site.inputCount { try site.require(input: i, [.float32, .int32, .complex64]) }
        try checkSameType(site)
        let o = try site.options(TFLiteSchema.OptionsType.concatenation)
        let axisOption = Int(try site.option { () throws(FlatBufferError) in try o?.int(0, Int32.self) ?? 0 })
        let activation = try site.activation(try site.option { () throws(FlatBufferError) in try o?.int(1, Int8.self) ?? 0 })
        return { inputs in
            let values = try (0..<inputs.count).map { try inputs.value($0) }
            let rank = values[0].shape.count
            let axis = axisOption < 0 ? axisOption + rank : axisOption
            guard axis >= 0, axis < rank else { throw OpFailure("axis \(axisOption) is out of range for rank \(rank)") }
            for v in values where v.shape.count != rank || (0..<rank).contains(where: { $0 != axis && v.shape[$0] != values[0].shape[$0] }) {
                throw OpFailure("shapes \(values.map(\.shape)) differ outside axis \(axis)")
            }
            if case .float32 = values[0] {
                return [activation.apply(.float32(concat(try values.map { try $0.float("every input") }, axis: axis)))]
            }
            return [activation.apply(try join(values, axis: axis))]
        }
    }

    static let pack = OpDefinition(code: 83, name: "PACK") { site in
        guard site.inputCount >= 1, site.outputCount == 1 else { throw site.invalid("needs inputs and one output") }
        for i in 0..<site.inputCount { try site.require(input: i, [.float32, .int32, .complex64]) }
        try checkSameType(site)
        let o = try site.options(TFLiteSchema.OptionsType.pack)
        let count = Int(try site.option { () throws(FlatBufferError) in try o?.int(0, Int32.self) ?? 0 })
        let axisOption = Int(try site.option { () throws(FlatBufferError) in try o?.int(1, Int32.self) ?? 0 })
        guard count == site.inputCount else { throw site.invalid("values_count \(count) but \(site.inputCount) inputs") }
        return { inputs in
            let values = try (0..<inputs.count).map { try inputs.value($0) }
            let shape = values[0].shape
            let axis = axisOption < 0 ? axisOption + shape.count + 1 : axisOption
            guard axis >= 0, axis <= shape.count else { throw OpFailure("axis \(axisOption) is out of range for rank \(shape.count)") }
            guard values.allSatisfy({ $0.shape == shape }) else { throw OpFailure("shapes \(values.map(\.shape)) differ") }
            if case .float32 = values[0] {
                return [.float32(stack(try values.map { try $0.float("every input") }, axis: axis))]
            }
            var expanded = shape
            expanded.insert(1, at: axis)
            return [try join(values.map { ShapeOps.reshaped($0, expanded) }, axis: axis)]
        }
    }

    static let splitV = OpDefinition(code: 102, name: "SPLIT_V") { site in
        try site.expect(inputs: 3...3, outputs: site.outputCount)
        try site.require(input: 0, [.float32, .int32, .complex64])
        try site.require(input: 1, [.int32], what: "size_splits")
        try site.require(input: 2, [.int32], what: "axis")
        let o = try site.options(TFLiteSchema.OptionsType.splitV)
        let count = Int(try site.option { () throws(FlatBufferError) in try o?.int(0, Int32.self) ?? 0 })
        guard count == site.outputCount, count >= 1 else { throw site.invalid("num_splits \(count) but \(site.outputCount) outputs") }
        return { inputs in
            let x = try inputs.value(0)
            var sizes = try inputs.value(1).ints("size_splits")
            let rank = x.shape.count
            var axis = try inputs.value(2).scalarInt("axis")
            if axis < 0 { axis += rank }
            guard axis >= 0, axis < rank else { throw OpFailure("axis out of range for shape \(x.shape)") }
            guard sizes.count == count else { throw OpFailure("\(sizes.count) sizes for \(count) outputs") }
            let dim = x.shape[axis]
            let unknown = sizes.indices.filter { sizes[$0] == -1 }
            guard unknown.count <= 1, sizes.allSatisfy({ $0 >= -1 }) else { throw OpFailure("bad size_splits \(sizes)") }
            let known = sizes.filter { $0 != -1 }.reduce(0, +)
            if let i = unknown.first { sizes[i] = dim - known }
            guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == dim else {
                throw OpFailure("size_splits \(sizes) do not add up to dimension \(dim) of \(x.shape)")
            }
            let outer = x.shape[..<axis].reduce(1, *), inner = x.shape[(axis + 1)...].reduce(1, *)
            var start = 0
            return sizes.map { size in
                var shape = x.shape
                shape[axis] = size
                defer { start += size }
                return x.relayout(shape, AxisSlice(outer: outer, rowLength: dim * inner, start: start * inner, length: size * inner))
            }
        }
    }

    private static func checkSameType(_ site: OpSite) throws {
        let t = site.inputType(0)
        guard (0..<site.inputCount).allSatisfy({ site.inputType($0) == t }), site.outputType(0) == t else {
            throw site.unsupported("inputs and output of different types")
        }
    }

    /// Non-float values joined along `axis` (shapes already checked).
    private static func join(_ values: [TFLiteValue], axis: Int) throws -> TFLiteValue {
        var shape = values[0].shape
        shape[axis] = values.reduce(0) { $0 + $1.shape[axis] }
        let outer = shape[..<axis].reduce(1, *)
        let chunks = values.map { $0.shape[axis...].reduce(1, *) }
        return try TFLiteValue.relayout(values, shape, Interleave(outer: outer, chunks: chunks))
    }

    /// Row r of the output is row r of each source in turn (`chunks[i]` elements from source i).
    private struct Interleave: ElementMover {
        let outer: Int
        let chunks: [Int]
        func move<T>(_ sources: [UnsafeBufferPointer<T>], into dst: UnsafeMutableBufferPointer<T>) {
            var o = 0
            for r in 0..<outer {
                for (s, c) in zip(sources, chunks) where c > 0 {
                    (dst.baseAddress! + o).update(from: s.baseAddress! + r * c, count: c)
                    o += c
                }
            }
        }
    }
}
