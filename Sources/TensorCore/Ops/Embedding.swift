/// Table lookup; the backward scatter-adds into the table, so repeated indices accumulate.

/// Rows of `table` [V, D] picked by `indices` (row-major, laid out as `shape`); the result has shape `shape + [D]`.
public func embedding(indices: [Int], shape: [Int], table: Tensor) -> Tensor {
    precondition(table.rank == 2, "embedding: table must be [V, D], got \(table.shape)")
    precondition(indices.count == shape.reduce(1, *), "embedding: \(indices.count) indices for shape \(shape)")
    let v = table.shape[0], d = table.shape[1]
    if let bad = indices.first(where: { $0 < 0 || $0 >= v }) {
        preconditionFailure("embedding: index \(bad) outside the table's \(v) rows")
    }
    let out = Tensor(uninitialized: shape + [d])
    let src = table.pointer, dst = out.pointer
    for (r, i) in indices.enumerated() { (dst + r * d).update(from: src + i * d, count: d) }
    return out.record([table]) { g in
        let gt = Tensor.zeros(table.shape)
        let gp = g.pointer, gd = gt.pointer
        for (r, i) in indices.enumerated() {
            let row = gd + i * d, gr = gp + r * d
            for j in 0..<d { row[j] += gr[j] }
        }
        table.accumulate(gt)
    }
}
