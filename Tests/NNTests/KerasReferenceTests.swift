import Foundation
import NN
import TensorCore
import Testing

/// Largest |got − want| − rtol·|want| style check; records an issue naming the tensor, returns the worst abs error.
@discardableResult
func expectClose(_ got: [Float], _ want: [Float], _ what: String, atol: Float = 1e-5, rtol: Float = 1e-4,
                         sourceLocation: SourceLocation = #_sourceLocation) -> Float {
    guard got.count == want.count else {
        Issue.record("\(what): \(got.count) values, reference has \(want.count)", sourceLocation: sourceLocation)
        return .infinity
    }
    var worst: Float = 0
    for i in got.indices {
        let err = abs(got[i] - want[i])
        worst = max(worst, err)
        if err > atol + rtol * abs(want[i]) {
            Issue.record("\(what)[\(i)]: \(got[i]) vs Keras \(want[i])", sourceLocation: sourceLocation)
            return err
        }
    }
    return worst
}

private func tensor(_ f: ReferenceFixture, _ name: String) throws -> Tensor {
    Tensor(shape: try f.shape(name), data: try f.array(name))
}

/// Loads the fixture's weights into `layer` (fixture tensor name → parameter dotted name), runs it on the inputs,
/// back-propagates the cotangent and compares output, input gradients and weight gradients with Keras.
private func checkAgainstKeras(_ fixture: String, _ layer: any Module, inputs: [String], weights: [String: String],
                               training: Bool = false, atol: Float = 1e-5, rtol: Float = 1e-4,
                               sourceLocation: SourceLocation = #_sourceLocation,
                               run: (([Tensor]) -> Tensor)? = nil) throws {
    let f = try ReferenceFixture(fixture)
    let xs = try inputs.map { try tensor(f, $0) }
    try layer.build(inputShapes: xs.map(\.shape))
    let params = Dictionary(uniqueKeysWithValues: layer.namedParameters().map { ($0.name, $0.value) })
    for (src, dst) in weights {
        guard let p = params[dst] else { Issue.record("\(fixture): no parameter \(dst)", sourceLocation: sourceLocation); return }
        let v = try f.array(src)
        #expect(p.shape == (try f.shape(src)), "\(fixture): \(dst) shape", sourceLocation: sourceLocation)
        p.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] = v[i] } }
    }
    for x in xs { x.setRequiresGrad(true) }
    layer.zeroGrad()
    let y = run?(xs) ?? layer.forward(xs, context: ForwardContext(training: training))
    expectClose(y.scalars, try f.array("output"), "\(fixture) output", atol: atol, rtol: rtol, sourceLocation: sourceLocation)
    y.backward(seed: try tensor(f, "cotangent"))
    for (name, x) in zip(inputs, xs) {
        expectClose(x.grad?.scalars ?? [], try f.array("grad_" + name), "\(fixture) grad_\(name)", atol: atol, rtol: rtol, sourceLocation: sourceLocation)
    }
    for (src, dst) in weights where f.names.contains("grad_" + src) {
        expectClose(params[dst]!.grad?.scalars ?? [], try f.array("grad_" + src), "\(fixture) grad_\(src)", atol: atol, rtol: rtol, sourceLocation: sourceLocation)
    }
}

private let kernelBias = ["kernel": "kernel", "bias": "bias"]

@Test func conv1DMatchesKeras() throws {
    try checkAgainstKeras("conv1d_s1_valid", Conv1D(filters: 4, kernelSize: 3), inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("conv1d_s1_same", Conv1D(filters: 4, kernelSize: 3, padding: .same), inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("conv1d_s2_valid", Conv1D(filters: 4, kernelSize: 3, strides: 2), inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("conv1d_s2_same_k4", Conv1D(filters: 4, kernelSize: 4, strides: 2, padding: .same), inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("conv1d_d2_same", Conv1D(filters: 4, kernelSize: 3, padding: .same, dilationRate: 2), inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("conv1d_d2_valid", Conv1D(filters: 4, kernelSize: 3, dilationRate: 2), inputs: ["input"], weights: kernelBias)
}

@Test func conv2DAndDepthwiseMatchKeras() throws {
    try checkAgainstKeras("conv2d_s2_same_g2", Conv2D(filters: 6, kernelSize: [3, 3], strides: [2, 2], padding: .same, groups: 2),
                          inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("conv2d_s1_valid", Conv2D(filters: 3, kernelSize: [2, 3]), inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("depthwise_conv2d", DepthwiseConv2D(kernelSize: [3, 3], padding: .same, depthMultiplier: 2),
                          inputs: ["input"], weights: kernelBias)
}

@Test func denseMatchesKeras() throws {
    try checkAgainstKeras("dense", Dense(units: 3), inputs: ["input"], weights: kernelBias)
    try checkAgainstKeras("dense_rank3", Dense(units: 3), inputs: ["input"], weights: kernelBias)
}

@Test func batchNormMatchesKerasInBothModes() throws {
    let bnWeights = ["gamma": "gamma", "beta": "beta", "moving_mean": "moving_mean", "moving_variance": "moving_variance"]
    for name in ["batchnorm_train", "batchnorm2d_train"] {
        let bn = BatchNormalization()
        try checkAgainstKeras(name, bn, inputs: ["input"], weights: bnWeights, training: true)
        let f = try ReferenceFixture(name)
        let state = Dictionary(uniqueKeysWithValues: bn.namedParameters().map { ($0.name, $0.value.scalars) })
        expectClose(state["moving_mean"]!, try f.array("updated_moving_mean"), "\(name) moving_mean", atol: 1e-6)
        expectClose(state["moving_variance"]!, try f.array("updated_moving_variance"), "\(name) moving_variance", atol: 1e-6)
    }
    let infer = BatchNormalization()
    try checkAgainstKeras("batchnorm_infer", infer, inputs: ["input"], weights: bnWeights, training: false)
    // Inference must leave the moving statistics alone.
    let f = try ReferenceFixture("batchnorm_infer")
    #expect(infer.namedParameters().first { $0.name == "moving_mean" }!.value.scalars == (try f.array("moving_mean")))
}

@Test func layerNormMatchesKeras() throws {
    try checkAgainstKeras("layernorm", LayerNormalization(), inputs: ["input"], weights: ["gamma": "gamma", "beta": "beta"])
}

@Test func poolingMatchesKeras() throws {
    try checkAgainstKeras("max_pool1d", Pool1D(.max), inputs: ["input"], weights: [:])
    try checkAgainstKeras("max_pool1d_p3s2", Pool1D(.max, poolSize: 3, strides: 2), inputs: ["input"], weights: [:])
    try checkAgainstKeras("avg_pool1d", Pool1D(.average), inputs: ["input"], weights: [:])
    try checkAgainstKeras("max_pool2d", Pool2D(.max), inputs: ["input"], weights: [:])
    try checkAgainstKeras("avg_pool2d", Pool2D(.average), inputs: ["input"], weights: [:])
    try checkAgainstKeras("global_avg_pool1d", GlobalAveragePooling(dimensions: 1), inputs: ["input"], weights: [:])
    try checkAgainstKeras("global_avg_pool2d", GlobalAveragePooling(dimensions: 2), inputs: ["input"], weights: [:])
}

private let mhaWeights = [
    "query_kernel": "query.kernel", "query_bias": "query.bias", "key_kernel": "key.kernel", "key_bias": "key.bias",
    "value_kernel": "value.kernel", "value_bias": "value.bias",
    "attention_output_kernel": "attention_output.kernel", "attention_output_bias": "attention_output.bias",
]

@Test func multiHeadAttentionMatchesKerasWithKeyMask() throws {
    for (name, inputs) in [("mha_self", ["input"]), ("mha_cross", ["query", "value"])] {
        let mask = try ReferenceFixture(name).array("key_mask").map { $0 != 0 }
        let mha = MultiHeadAttention(numHeads: 2, keyDim: 3)
        try checkAgainstKeras(name, mha, inputs: inputs, weights: mhaWeights) { xs in
            mha.attend(query: xs[0], value: xs.count > 1 ? xs[1] : xs[0], keyMask: mask)
        }
    }
}

@Test func gruAndBidirectionalMatchKeras() throws {
    let gruWeights = ["kernel": "kernel", "recurrent_kernel": "recurrent_kernel", "bias": "bias"]
    try checkAgainstKeras("gru_seq", GRU(units: 4, returnSequences: true), inputs: ["input"], weights: gruWeights)
    try checkAgainstKeras("gru_last", GRU(units: 4), inputs: ["input"], weights: gruWeights)
    var bi: [String: String] = [:]
    for dir in ["forward", "backward"] { for (k, v) in gruWeights { bi["\(dir)_\(k)"] = "\(dir).\(v)" } }
    try checkAgainstKeras("bigru_seq", Bidirectional(GRU(units: 4, returnSequences: true)), inputs: ["input"], weights: bi)
    try checkAgainstKeras("bigru_last", Bidirectional(GRU(units: 4)), inputs: ["input"], weights: bi)
}

/// Runs `loss` on the fixture's inputs and compares the value and every input gradient.
private func checkLoss(_ fixture: String, inputs: [String], atol: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation,
                       _ loss: (ReferenceFixture, [Tensor]) throws -> Tensor) throws {
    let f = try ReferenceFixture(fixture)
    let xs = try inputs.map { try tensor(f, $0) }
    for x in xs { x.setRequiresGrad(true) }
    let l = try loss(f, xs)
    expectClose([l.item], [try f.scalar("loss")], "\(fixture) loss", atol: atol, sourceLocation: sourceLocation)
    l.backward()
    for (name, x) in zip(inputs, xs) {
        expectClose(x.grad?.scalars ?? [], try f.array("grad_" + name), "\(fixture) grad_\(name)", atol: atol, sourceLocation: sourceLocation)
    }
}

@Test func lossesMatchKeras() throws {
    try checkLoss("ce_class_weights", inputs: ["logits"]) { f, xs in
        SoftmaxCrossEntropy(classWeights: try f.array("class_weight"))(logits: xs[0], targets: try tensor(f, "labels"))
    }
    try checkLoss("ce_label_smoothing", inputs: ["logits"]) { f, xs in
        SoftmaxCrossEntropy(labelSmoothing: 0.1)(logits: xs[0], targets: try tensor(f, "labels"))
    }
    try checkLoss("focal", inputs: ["logits"]) { f, xs in FocalLoss(gamma: 2, alpha: 0.25)(logits: xs[0], targets: try tensor(f, "labels")) }
    try checkLoss("nt_xent", inputs: ["z_a", "z_b"]) { _, xs in NTXentLoss(temperature: 0.5)(xs[0], xs[1]) }
    try checkLoss("prototypical", inputs: ["support", "query"]) { f, xs in
        PrototypicalLoss()(support: xs[0], supportLabels: try f.array("support_labels").map { Int($0) },
                           query: xs[1], queryLabels: try f.array("query_labels").map { Int($0) })
    }
}
