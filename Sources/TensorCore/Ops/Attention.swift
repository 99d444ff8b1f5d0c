import Foundation

/// Multi-head scaled dot-product attention, softmax(Q·Kᵀ/√D + mask)·V per head, with the projections left to the layer.
///
/// `q` [N, Tq, H·D], `k` and `v` [N, Tk, H·D]; head h reads channels h·D..<(h+1)·D. `keyPaddingMask` holds N·Tk flags,
/// row-major, true = padded key, excluded from every query's softmax. As in Keras (masked scores set to −1e9), a query
/// whose keys are all padded attends uniformly to all of them. Returns [N, Tq, H·D].
public func multiHeadAttention(q: Tensor, k: Tensor, v: Tensor, heads: Int, keyPaddingMask: [Bool]? = nil) -> Tensor {
    precondition(q.rank == 3 && k.rank == 3 && v.rank == 3, "multiHeadAttention: q \(q.shape), k \(k.shape), v \(v.shape) must be [N,T,H·D]")
    let (n, tq, hd) = (q.shape[0], q.shape[1], q.shape[2]), tk = k.shape[1]
    precondition(k.shape == [n, tk, hd] && v.shape == k.shape, "multiHeadAttention: k \(k.shape) and v \(v.shape) must both be [\(n), Tk, \(hd)]")
    precondition(heads >= 1 && hd % heads == 0, "multiHeadAttention: \(heads) heads do not divide width \(hd)")
    precondition(keyPaddingMask == nil || keyPaddingMask!.count == n * tk, "multiHeadAttention: keyPaddingMask needs \(n * tk) flags (N·Tk)")
    let d = hd / heads, scale = 1 / Float(d).squareRoot()
    let out = Tensor(uninitialized: [n, tq, hd])
    if out.count == 0 || tk == 0 { out.pointer.update(repeating: 0, count: out.count); return out.record([q, k, v]) { _ in } }
    // Attention weights of every (sample, head), kept for the backward: [N, H, Tq, Tk].
    let probs = Tensor(uninitialized: [n, heads, tq, tk])
    let pp = probs.pointer
    // Which samples have every key padded (they get the uniform row and no score gradient).
    var allPadded = [Bool](repeating: false, count: n)
    for b in 0..<n {
        let p = pp + b * heads * tq * tk
        let block = { (hh: Int) in p + hh * tq * tk }
        for hh in 0..<heads {
            let off = b * tq * hd + hh * d, koff = b * tk * hd + hh * d
            gemm(false, true, tq, tk, d, q.pointer + off, hd, k.pointer + koff, hd, block(hh), tk, alpha: scale)
        }
        let maskRow = keyPaddingMask.map { Array($0[(b * tk)..<((b + 1) * tk)]) }
        allPadded[b] = maskRow?.allSatisfy { $0 } ?? false
        for row in 0..<(heads * tq) {
            let sRow = p + row * tk
            if allPadded[b] {
                sRow.update(repeating: 1 / Float(tk), count: tk)
                continue
            }
            var m = -Float.infinity
            for j in 0..<tk where !(maskRow?[j] ?? false) { m = Swift.max(m, sRow[j]) }
            var sum: Float = 0
            for j in 0..<tk {
                let e: Float = (maskRow?[j] ?? false) ? 0 : expf(sRow[j] - m)
                sRow[j] = e; sum += e
            }
            let inv = 1 / sum
            for j in 0..<tk { sRow[j] *= inv }
        }
        for hh in 0..<heads {
            let koff = b * tk * hd + hh * d, off = b * tq * hd + hh * d
            gemm(false, false, tq, d, tk, block(hh), tk, v.pointer + koff, hd, out.pointer + off, hd)
        }
    }
    return out.record([q, k, v]) { g in
        let gq = q.requiresGrad ? Tensor(uninitialized: q.shape) : nil
        let gk = k.requiresGrad ? Tensor(uninitialized: k.shape) : nil
        let gv = v.requiresGrad ? Tensor(uninitialized: v.shape) : nil
        let dScores = Tensor(uninitialized: [tq, tk])
        let ds = dScores.pointer, pp = probs.pointer
        for b in 0..<n {
            for hh in 0..<heads {
                let off = b * tq * hd + hh * d, koff = b * tk * hd + hh * d
                let p = pp + (b * heads + hh) * tq * tk
                if let gv { gemm(true, false, tk, d, tq, p, tk, g.pointer + off, hd, gv.pointer + koff, hd) }
                guard gq != nil || gk != nil else { continue }
                if allPadded[b] {
                    // Constant weights: no gradient reaches the scores.
                    gq.map { t in for i in 0..<tq { (t.pointer + off + i * hd).update(repeating: 0, count: d) } }
                    gk.map { t in for i in 0..<tk { (t.pointer + koff + i * hd).update(repeating: 0, count: d) } }
                    continue
                }
                // dP = dO·Vᵀ, then through the softmax: dS = P ⊙ (dP − Σ dP⊙P); masked keys have P = 0.
                gemm(false, true, tq, tk, d, g.pointer + off, hd, v.pointer + koff, hd, ds, tk)
                for i in 0..<tq {
                    let pr = p + i * tk, dr = ds + i * tk
                    var dot: Float = 0
                    for j in 0..<tk { dot += dr[j] * pr[j] }
                    for j in 0..<tk { dr[j] = pr[j] * (dr[j] - dot) }
                }
                if let gq { gemm(false, false, tq, d, tk, ds, tk, k.pointer + koff, hd, gq.pointer + off, hd, alpha: scale) }
                if let gk { gemm(true, false, tk, d, tq, ds, tk, q.pointer + off, hd, gk.pointer + koff, hd, alpha: scale) }
            }
        }
        if let gq { q.accumulate(gq) }
        if let gk { k.accumulate(gk) }
        if let gv { v.accumulate(gv) }
    }
}
