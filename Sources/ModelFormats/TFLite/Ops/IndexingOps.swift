/// STRIDED_SLICE and GATHER: elements picked by index arithmetic, for every element type.
enum IndexingOps {
    static let stridedSlice = OpDefinition(code: 45, name: "STRIDED_SLICE") { site in
        try site.expect(inputs: 4...4, outputs: 1)
        try site.require(input: 0, [.float32, .int32, .complex64])
        for (i, what) in [(1, "begin"), (2, "end"), (3, "strides")] { try site.require(input: i, [.int32], what: what) }
        let o = try site.options(TFLiteSchema.OptionsType.stridedSlice)
        let mask = { (slot: Int) throws -> Int in
            Int(try site.option { () throws(FlatBufferError) in try o?.int(slot, Int32.self) ?? 0 })
        }
        let beginMask = try mask(0), endMask = try mask(1), ellipsisMask = try mask(2), newAxisMask = try mask(3)
        let shrinkMask = try mask(4)
        let offset = try site.option { () throws(FlatBufferError) in try o?.bool(5) ?? false }
        guard ellipsisMask == 0 else { throw site.unsupported("ellipsis_mask \(ellipsisMask)") }
        guard newAxisMask == 0 else { throw site.unsupported("new_axis_mask \(newAxisMask)") }
        return { inputs in
            let x = try inputs.value(0)
            let begin = try inputs.value(1).ints("begin"), end = try inputs.value(2).ints("end")
            let strides = try inputs.value(3).ints("strides")
            let rank = x.shape.count
            guard begin.count == end.count, end.count == strides.count, begin.count <= rank else {
                throw OpFailure("begin \(begin), end \(end) and strides \(strides) do not fit shape \(x.shape)")
            }
            var starts: [Int] = [], steps: [Int] = [], lengths: [Int] = [], outShape: [Int] = []
            for axis in 0..<rank {
                let size = x.shape[axis]
                guard axis < begin.count else {
                    starts.append(0); steps.append(1); lengths.append(size); outShape.append(size)
                    continue
                }
                let step = strides[axis]
                guard step != 0 else { throw OpFailure("stride 0 on axis \(axis)") }
                let shrink = shrinkMask & (1 << axis) != 0
                // TFLite's StartForAxis and StopForAxis (strided_slice_logic.h).
                var start = begin[axis]
                if beginMask & (1 << axis) != 0 { start = step > 0 ? Int(Int32.min) : Int(Int32.max) }
                if start < 0 { start += size }
                start = step > 0 ? Swift.min(Swift.max(start, 0), size) : Swift.min(Swift.max(start, -1), size - 1)
                var stop = offset ? begin[axis] + end[axis] : end[axis]
                if shrink {
                    guard start >= 0, start < size else { throw OpFailure("index \(begin[axis]) out of range for axis \(axis) of \(x.shape)") }
                    stop = start + 1
                } else {
                    if endMask & (1 << axis) != 0 { stop = step > 0 ? Int(Int32.max) : Int(Int32.min) }
                    if stop < 0 { stop += size }
                    stop = step > 0 ? Swift.min(Swift.max(stop, 0), size) : Swift.min(Swift.max(stop, -1), size - 1)
                }
                let length = size == 0 ? 0 : Swift.max(0, step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step)
                starts.append(Swift.max(start, 0)); steps.append(step); lengths.append(length)
                if !shrink { outShape.append(length) }
            }
            let inStrides = StridedView.strides(of: x.shape)
            let view = StridedView(base: zip(starts, inStrides).reduce(0) { $0 + $1.0 * $1.1 },
                                   steps: zip(steps, inStrides).map { $0 * $1 }, lengths: lengths)
            return [x.relayout(outShape, view)]
        }
    }

    static let gather = OpDefinition(code: 36, name: "GATHER") { site in
        try site.expectValue(and: "indices")
        let o = try site.options(TFLiteSchema.OptionsType.gather)
        let axisOption = Int(try site.option { () throws(FlatBufferError) in try o?.int(0, Int32.self) ?? 0 })
        let batchDims = try site.option { () throws(FlatBufferError) in try o?.int(1, Int32.self) ?? 0 }
        guard batchDims == 0 else { throw site.unsupported("batch_dims \(batchDims)") }
        return { inputs in
            let x = try inputs.value(0), indexValue = try inputs.value(1)
            guard case let .int32(indices) = indexValue else { throw OpFailure("indices must be INT32") }
            let rank = x.shape.count
            let axis = axisOption < 0 ? axisOption + rank : axisOption
            guard axis >= 0, axis < rank else { throw OpFailure("axis \(axisOption) out of range for shape \(x.shape)") }
            let size = x.shape[axis]
            if let bad = indices.values.first(where: { $0 < 0 || Int($0) >= size }) {
                throw OpFailure("index \(bad) out of range 0..<\(size) on axis \(axis)")
            }
            let outShape = Array(x.shape[..<axis]) + indices.shape + Array(x.shape[(axis + 1)...])
            _ = try ElementCount.checked(outShape)
            let mover = Take(outer: x.shape[..<axis].reduce(1, *), axisSize: size,
                             inner: x.shape[(axis + 1)...].reduce(1, *), indices: indices.values)
            return [x.relayout(outShape, mover)]
        }
    }

    /// For each of `outer` blocks, the rows `indices` (each `inner` elements) of the block's `axisSize` rows.
    private struct Take: ElementMover {
        let outer, axisSize, inner: Int
        let indices: [Int32]

        func move<T>(_ sources: [UnsafeBufferPointer<T>], into dst: UnsafeMutableBufferPointer<T>) {
            guard inner > 0, let src = sources[0].baseAddress, let out = dst.baseAddress else { return }
            var o = 0
            indices.withUnsafeBufferPointer { idx in
                for b in 0..<outer {
                    let block = src + b * axisSize * inner
                    var k = 0
                    while k < idx.count {
                        // Runs of consecutive indices (a framed signal's frames) are one copy each.
                        var run = 1
                        while k + run < idx.count && Int(idx[k + run]) == Int(idx[k]) + run { run += 1 }
                        let rows = block + Int(idx[k]) * inner, n = run * inner
                        if n < 16 { for j in 0..<n { out[o + j] = rows[j] } } else { (out + o).update(from: rows, count: n) }
                        o += n
                        k += run
                    }
                }
            }
        }
    }
}
