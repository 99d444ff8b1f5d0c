import GradCheck
import ModelFormats
import TensorCore
import Testing

/// A subgraph runs the model's own kernels with the file's float constants as inputs, so fine-tuning a backbone's
/// top follows the true gradient: on the committed one-op models, the subgraph from the input to each output equals
/// the whole model's run, and its gradients with respect to the input and every weight match finite differences.
@Suite struct TFLiteSubgraphTests {
    @Test(arguments: ["conv2d_same_stride2_relu", "conv2d_valid_dilated", "depthwise_same_stride2", "depthwise_valid_relu6",
                      "fully_connected_relu", "logistic", "pad", "pools_same_valid", "reductions"])
    func subgraphEqualsTheModelAndItsGradientsAreTrue(_ name: String) throws {
        let model = try TFLiteModel(bytes: try opModelBytes(name), source: name)
        let fixture = try OpFixture.load(name)
        let x = try #require(fixture.inputs[0].asValue.tensor)
        for output in model.outputs {
            let sub = try model.subgraph(from: model.inputs[0].name, to: output.name)
            let whole = try model.run([x], fetching: [output.name])[0]
            #expect(try sub.run(x, weights: sub.initialWeights).scalars == whole.scalars, "\(name) → \(output.name)")
            let weights = sub.initialWeights.map { Tensor(shape: $0.shape, data: $0.scalars) }
            GradCheck(eps: 1e-3, atol: 5e-3, rtol: 1e-2).check([Tensor(shape: x.shape, data: x.scalars)] + weights) { xs in
                try! sub.run(xs[0], weights: Array(xs.dropFirst()))
            }
        }
    }

    @Test func aSubgraphNeedingATensorComputedBeforeItsStartIsRefused() throws {
        let model = try TFLiteModel(bytes: try opModelBytes("mul_relu6"), source: "mul_relu6")
        // Two inputs multiplied: starting from one, the other is neither computed from it nor a constant.
        #expect(throws: TFLiteError.self) { try model.subgraph(from: model.inputs[0].name, to: model.outputs[0].name) }
        #expect(throws: TFLiteError.self) { try model.subgraph(from: "no such tensor", to: model.outputs[0].name) }
        #expect(throws: TFLiteError.self) { try model.subgraph(from: model.outputs[0].name, to: model.outputs[0].name) }
    }
}
