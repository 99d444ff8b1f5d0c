import GradCheck
import NN
import TensorCore
import Testing

/// Window pooling pools only a clip's real windows: the values it returns are the plain mean or max of those, and
/// whatever padding holds never changes the result.
@Suite struct WindowPoolingTests {
    /// Two clips of 4 features: clip 0 with windows a, b and one padded window, clip 1 with window c alone.
    func input(padding: Float) -> Tensor {
        let a: [Float] = [1, -2, 3, 0.5], b: [Float] = [3, 4, -1, 0.5], c: [Float] = [-5, 2, 2, 7]
        let pad = [Float](repeating: padding, count: 4)
        return Tensor(shape: [2, 3, 5], data: a + [1] + b + [1] + pad + [0] + c + [1] + pad + [0] + pad + [0])
    }

    func pooled(_ mode: WindowPooling.Mode, padding: Float) throws -> [Float] {
        let layer = WindowPooling(mode: mode, units: 4)
        try layer.build(inputShape: [2, 3, 5])
        layer.initializeParameters(seed: 3)
        return Tensor.withoutGrad { layer.forward(input(padding: padding), context: .inference) }.scalars
    }

    @Test func meanAndMaxAreThoseOfTheRealWindows() throws {
        #expect(try pooled(.mean, padding: 0) == [2, 1, 1, 0.5, -5, 2, 2, 7])
        #expect(try pooled(.max, padding: 0) == [3, 4, 3, 0.5, -5, 2, 2, 7])
    }

    @Test func paddingNeverChangesTheResult() throws {
        for mode in WindowPooling.Mode.allCases {
            #expect(try pooled(mode, padding: 0) == pooled(mode, padding: 1e6), "\(mode)")
        }
    }

    @Test func attentionIsAConvexCombinationOfTheRealWindows() throws {
        let out = try pooled(.attention, padding: 1e6)
        // One real window: its own value. Two: each feature between the two windows' values.
        #expect(zip(out[4...], [-5, 2, 2, 7] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
        let a: [Float] = [1, -2, 3, 0.5], b: [Float] = [3, 4, -1, 0.5]
        for j in 0..<4 { #expect(out[j] >= min(a[j], b[j]) - 1e-6 && out[j] <= max(a[j], b[j]) + 1e-6) }
        #expect(out[0] != 2, "attention should not be the plain mean with random weights")
    }

    @Test func aMissingMaskColumnIsAShapeError() {
        #expect(throws: ShapeError.self) { try WindowPooling(mode: .mean).outputShape(for: [[2, 3, 1]]) }
        #expect(throws: ShapeError.self) { try WindowPooling(mode: .mean).outputShape(for: [[2, 3]]) }
    }
}
