import GradCheck
import TensorCore

/// True when every value is within `tol` (absolute) of the expected one and the counts match.
func close(_ a: [Float], _ b: [Float], _ tol: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tol }
}

/// `randomTensor` with every value pushed at least `gap` away from each of `kinks`, for ops with a corner there.
func awayFrom(_ kinks: [Float], _ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1, gap: Float = 0.05) -> Tensor {
    let values = randomTensor(shape, seed: seed, low: low, high: high).scalars.map { v -> Float in
        var v = v
        for k in kinks where Swift.abs(v - k) < gap { v = v < k ? k - gap : k + gap }
        return v
    }
    return Tensor(shape: shape, data: values)
}
