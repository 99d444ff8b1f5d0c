import Foundation
import NN
import TensorCore
import Testing

/// The baseline 1D-CNN trained five Adam steps by Keras (see Fixtures/README.md, `cnn1d_adam_steps`): the whole
/// stack — named Sequential, conv/BN/pool/flatten/dense, fused cross-entropy on the logits of a softmax model,
/// Adam with Keras's update — has to land on Keras's numbers.
@Test func baselineCNNFiveAdamStepsMatchKeras() throws {
    let f = try ReferenceFixture("cnn1d_adam_steps")
    let model = Sequential(named: [
        ("conv1d_1", Conv1D(filters: 32, kernelSize: 3, activation: .relu)), ("bn_1", BatchNormalization()),
        ("pool_1", Pool1D(.max)), ("drop_1", Dropout(rate: 0)),
        ("conv1d_2", Conv1D(filters: 64, kernelSize: 3, activation: .relu)), ("bn_2", BatchNormalization()),
        ("pool_2", Pool1D(.max)), ("drop_2", Dropout(rate: 0)), ("flatten", Flatten()),
        ("dense_1", Dense(units: 128, activation: .relu)), ("drop_3", Dropout(rate: 0)),
        ("dense_2", Dense(units: 10, activation: .softmax)),
    ])
    try model.build(inputShape: [8, 500, 128])
    model.initializeParameters(seed: 0)  // biases 0, BN defaults; kernels overwritten below
    let params = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.value) })
    for (layer, (index, scale)) in ["conv1d_1": (0.0, 0.05), "conv1d_2": (1.0, 0.05), "dense_1": (2.0, 0.02), "dense_2": (3.0, 0.1)] {
        params["\(layer).kernel"]!.withUnsafeMutableBufferPointer { b in
            for i in b.indices { b[i] = Float(scale * sin(0.37 * Double(i) + 1.3 * index)) }
        }
    }
    let x = Tensor(shape: [8, 500, 128], data: (0..<(8 * 500 * 128)).map { Float(sin(0.731 * Double($0) + 0.25)) })
    let labels = (0..<8).map { $0 % 10 }

    let opt = Adam(learningRate: 1e-3), trainable = model.trainableParameters(), loss = SoftmaxCrossEntropy()
    // The generator's `model(x, training=True)` probe before training also moves the BN statistics (one extra
    // momentum update), so it is replayed here; it changes no weight.
    let probe = Tensor.withoutGrad { model.forward(x, context: ForwardContext(training: true)) }
    expectClose(probe.scalars, try f.array("initial_probs_train_mode"), "initial probs", atol: 1e-5)
    var losses: [Float] = []
    for step in 0..<5 {
        model.zeroGrad()
        let logits = model.logits(x, context: ForwardContext(training: true, rng: RNG(seed: 1, stream: [UInt64(step)])))
        let l = loss(logits: logits, labels: labels)
        losses.append(l.item)
        l.backward()
        opt.step(trainable)
    }
    expectClose(losses, try f.array("loss_before_step"), "losses", atol: 1e-4, rtol: 1e-5)
    let probs = Tensor.withoutGrad { model.forward(x, context: .inference) }
    expectClose(probs.scalars, try f.array("probs_after_eval_mode"), "eval probs", atol: 1e-4)
    for name in f.names where name.hasPrefix("final.") {
        let dotted = String(name.dropFirst("final.".count))
        guard let p = params[dotted] else { Issue.record("no parameter \(dotted)"); continue }
        expectClose(p.scalars, try f.array(name), dotted, atol: 1e-4, rtol: 1e-3)
    }
    let dense = params["dense_1.kernel"]!.scalars
    let sample = try f.array("dense_1_kernel_sample")
    expectClose(sample.indices.map { dense[$0 * 1009] }, sample, "dense_1.kernel sample", atol: 1e-4, rtol: 1e-3)
    let sum = dense.reduce(0.0) { $0 + Double($1) }, sumsq = dense.reduce(0.0) { $0 + Double($1) * Double($1) }
    expectClose([Float(sum), Float(sumsq)], [try f.scalar("dense_1_kernel_sum"), try f.scalar("dense_1_kernel_sumsq")],
                "dense_1.kernel sum/sumsq", atol: 1e-3, rtol: 1e-4)
}
