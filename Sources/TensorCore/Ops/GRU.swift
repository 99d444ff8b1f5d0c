import Foundation

/// Keras GRU (reset_after = true, the Keras default) over a whole sequence, forward and backward through time fused.
///
/// `x` [N, T, In], `kernel` [In, 3U], `recurrentKernel` [U, 3U], optional `bias` [2, 3U] (input bias, recurrent bias),
/// gate order z, r, h as in Keras:
///   z = σ(x·Wz + bz + h·Uz + b'z),  r = σ(x·Wr + br + h·Ur + b'r),
///   ĥ = tanh(x·Wh + bh + r ⊙ (h·Uh + b'h)),  h' = z ⊙ h + (1 − z) ⊙ ĥ,  h₀ = 0.
/// Returns every state [N, T, U] in processing order: with `reverse` (Keras go_backwards) step s reads x[:, T−1−s],
/// so `[:, T−1]` is always the final state, and a bidirectional caller flips the reversed sequence before concatenating.
public func gru(_ x: Tensor, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor? = nil, reverse: Bool = false) -> Tensor {
    precondition(x.rank == 3, "gru: input \(x.shape) must be [N,T,In]")
    let (n, steps, inDim) = (x.shape[0], x.shape[1], x.shape[2])
    let u = recurrentKernel.shape.first ?? 0, u3 = 3 * u
    precondition(kernel.shape == [inDim, u3], "gru: kernel \(kernel.shape) must be [\(inDim), \(u3)]")
    precondition(recurrentKernel.shape == [u, u3], "gru: recurrentKernel \(recurrentKernel.shape) must be [\(u), \(u3)]")
    precondition(bias == nil || bias!.shape == [2, u3], "gru: bias \(bias!.shape) must be [2, \(u3)]")
    let out = Tensor(uninitialized: [n, steps, u])
    let inputs = [x, kernel, recurrentKernel] + (bias.map { [$0] } ?? [])
    if out.count == 0 { return out.record(inputs) { _ in } }
    let rows = n * steps
    let time = { (s: Int) in reverse ? steps - 1 - s : s }

    // Input projections for every step in one sgemm: xp[n, t] = x[n, t]·W + b.
    let xp = Tensor(uninitialized: [n, steps, u3])
    gemm(false, false, rows, u3, inDim, x.pointer, inDim, kernel.pointer, u3, xp.pointer, u3)
    if let bias { ConvBias.add(bias, xp.pointer, rows: rows, channels: u3) }
    // Saved per step s: z, r, ĥ and the recurrent candidate h·Uh + b'h.
    let saved = Tensor(uninitialized: [n, steps, 4 * u])
    let hp = Tensor(uninitialized: [n, u3])
    let op = out.pointer, sp = saved.pointer, hpp = hp.pointer, xpp = xp.pointer
    let rbias = bias.map { $0.pointer + u3 }
    for s in 0..<steps {
        if s == 0 {
            if let rbias { for b in 0..<n { (hpp + b * u3).update(from: rbias, count: u3) } }
            else { hpp.update(repeating: 0, count: n * u3) }
        } else {
            if let rbias { for b in 0..<n { (hpp + b * u3).update(from: rbias, count: u3) } }
            gemm(false, false, n, u3, u, op + (s - 1) * u, steps * u, recurrentKernel.pointer, u3, hpp, u3,
                 beta: rbias == nil ? 0 : 1)
        }
        let t = time(s)
        for b in 0..<n {
            let xr = xpp + (b * steps + t) * u3, hr = hpp + b * u3
            let sv = sp + (b * steps + s) * 4 * u, h = op + (b * steps + s) * u
            let prev: UnsafeMutablePointer<Float>? = s > 0 ? op + (b * steps + s - 1) * u : nil
            for j in 0..<u {
                let z = 1 / (1 + expf(-(xr[j] + hr[j])))
                let r = 1 / (1 + expf(-(xr[u + j] + hr[u + j])))
                let cand = tanhf(xr[2 * u + j] + r * hr[2 * u + j])
                let hPrev = prev?[j] ?? 0
                h[j] = z * hPrev + (1 - z) * cand
                sv[j] = z; sv[u + j] = r; sv[2 * u + j] = cand; sv[3 * u + j] = hr[2 * u + j]
            }
        }
    }

    // `out` holds this closure through its node: capture it unowned, or an unused graph would never be freed.
    return out.record(inputs) { [unowned out] g in
        // Pre-activation gradients: dxp at input time t feeds W, b and x; dhp at step s feeds U and b'.
        let dxp = Tensor(uninitialized: [n, steps, u3]), dhp = Tensor(uninitialized: [n, steps, u3])
        let dh = Tensor(uninitialized: [n, u]), dhNext = Tensor.zeros([n, u])
        let sp = saved.pointer, op = out.pointer
        let gp = g.pointer, dxpp = dxp.pointer, dhpp = dhp.pointer, dhp0 = dh.pointer, dnp = dhNext.pointer
        for s in stride(from: steps - 1, through: 0, by: -1) {
            let t = time(s)
            for b in 0..<n {
                let gr = gp + (b * steps + s) * u, sv = sp + (b * steps + s) * 4 * u
                let prev: UnsafeMutablePointer<Float>? = s > 0 ? op + (b * steps + s - 1) * u : nil
                let dxr = dxpp + (b * steps + t) * u3, dhr = dhpp + (b * steps + s) * u3
                let dn = dnp + b * u, dhb = dhp0 + b * u
                for j in 0..<u {
                    let z = sv[j], r = sv[u + j], cand = sv[2 * u + j], hrh = sv[3 * u + j]
                    let d = gr[j] + dn[j], hPrev = prev?[j] ?? 0
                    let dCand = d * (1 - z) * (1 - cand * cand)
                    let dz = d * (hPrev - cand) * z * (1 - z)
                    let dr = dCand * hrh * r * (1 - r)
                    dxr[j] = dz; dxr[u + j] = dr; dxr[2 * u + j] = dCand
                    dhr[j] = dz; dhr[u + j] = dr; dhr[2 * u + j] = dCand * r
                    dhb[j] = d * z
                }
            }
            // dh_{s−1} = dh·z + dhp_s·Uᵀ
            if s > 0 {
                gemm(false, true, n, u, u3, dhpp + s * u3, steps * u3, recurrentKernel.pointer, u3, dhp0, u, beta: 1)
                dnp.update(from: dhp0, count: n * u)
            }
        }
        if kernel.requiresGrad {
            let gk = Tensor(uninitialized: kernel.shape)
            gemm(true, false, inDim, u3, rows, x.pointer, inDim, dxpp, u3, gk.pointer, u3)
            kernel.accumulate(gk)
        }
        if recurrentKernel.requiresGrad {
            // Σ_s h_{s−1}ᵀ·dhp_s: the states shifted one step later (zero state first) against dhp, in one sgemm.
            let prevStates = Tensor(uninitialized: [n, steps, u])
            for b in 0..<n {
                let dst = prevStates.pointer + b * steps * u
                dst.update(repeating: 0, count: u)
                if steps > 1 { (dst + u).update(from: op + b * steps * u, count: (steps - 1) * u) }
            }
            let gu = Tensor(uninitialized: recurrentKernel.shape)
            gemm(true, false, u, u3, rows, prevStates.pointer, u, dhpp, u3, gu.pointer, u3)
            recurrentKernel.accumulate(gu)
        }
        if let bias, bias.requiresGrad {
            let gb = Tensor.zeros([2, u3])
            let gbp = gb.pointer
            for row in 0..<rows {
                let a = dxpp + row * u3, c = dhpp + row * u3
                for j in 0..<u3 { gbp[j] += a[j]; gbp[u3 + j] += c[j] }
            }
            bias.accumulate(gb)
        }
        if x.requiresGrad {
            let gx = Tensor(uninitialized: x.shape)
            gemm(false, true, rows, inDim, u3, dxpp, u3, kernel.pointer, u3, gx.pointer, inDim)
            x.accumulate(gx)
        }
    }
}
