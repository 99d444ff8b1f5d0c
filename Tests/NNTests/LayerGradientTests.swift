import NN
import GradCheck
import TensorCore
import Testing

/// Builds `layer` for `shapes`, fills its weights from `seed`, and finite-difference checks the gradient with
/// respect to the inputs and every trainable parameter.
@discardableResult
func checkLayer(_ layer: any Module, _ inputs: [Tensor], training: Bool = true, gc: GradCheck = GradCheck(),
                sourceLocation: SourceLocation = #_sourceLocation) throws -> [Int] {
    let out = try layer.build(inputShapes: inputs.map(\.shape))
    layer.initializeParameters(seed: 11)
    // Random non-zero biases/gammas too, so their gradients are not trivially symmetric.
    for (i, p) in layer.trainableParameters().enumerated() {
        var rng = RNG(seed: 5, stream: [UInt64(i)])
        p.value.withUnsafeMutableBufferPointer { b in for j in b.indices { b[j] = rng.uniform(-0.8, 0.8) } }
    }
    let y = Tensor.withoutGrad { layer.forward(inputs, context: ForwardContext(training: training)) }
    #expect(y.shape == out.map { $0 }, "forward shape \(y.shape) vs inferred \(out)", sourceLocation: sourceLocation)
    let params = layer.trainableParameters().map(\.value)
    let k = inputs.count
    gc.check(inputs + params, sourceLocation: sourceLocation) { xs in
        layer.forward(Array(xs.prefix(k)), context: ForwardContext(training: training))
    }
    return out
}

/// Finite-difference checks by catalogue kind (Keras class name). `everyLayerKindPassesItsGradientCheck` runs one
/// per registry entry and fails for an entry missing here.
let gradientChecks: [String: @Sendable () throws -> Void] = [
    "Dense": {
        try checkLayer(Dense(units: 3, activation: .tanh), [randomTensor([4, 5], seed: 1)])
        try checkLayer(Dense(units: 2), [randomTensor([2, 3, 4], seed: 2)])
    },
    "Conv1D": {
        try checkLayer(Conv1D(filters: 4, kernelSize: 3, strides: 2, padding: .same), [randomTensor([2, 9, 3], seed: 3)])
        try checkLayer(Conv1D(filters: 4, kernelSize: 2, padding: .causal, dilationRate: 2, groups: 2), [randomTensor([2, 7, 4], seed: 4)])
    },
    "Conv2D": {
        try checkLayer(Conv2D(filters: 4, kernelSize: [3, 2], strides: [2, 1], padding: .same, groups: 2, activation: .tanh),
                       [randomTensor([2, 5, 4, 4], seed: 5)])
    },
    "DepthwiseConv2D": {
        let out = try checkLayer(DepthwiseConv2D(kernelSize: [3, 3], padding: .same, depthMultiplier: 2), [randomTensor([2, 4, 5, 3], seed: 6)])
        #expect(out == [2, 4, 5, 6])
    },
    "BatchNormalization": {
        try checkLayer(BatchNormalization(), [randomTensor([4, 3, 2], seed: 7, low: 0, high: 2)], gc: GradCheck(eps: 1e-2, atol: 2e-3, rtol: 3e-2))
    },
    "LayerNormalization": {
        try checkLayer(LayerNormalization(), [randomTensor([2, 3, 5], seed: 8)], gc: GradCheck(eps: 1e-2, atol: 2e-3, rtol: 3e-2))
    },
    "Dropout": { try checkLayer(Dropout(rate: 0.5), [randomTensor([3, 4], seed: 26)]) },
    "MaxPooling1D": { try checkLayer(Pool1D(.max, poolSize: 3, strides: 2), [randomTensor([2, 7, 2], seed: 16)]) },
    "AveragePooling1D": { try checkLayer(Pool1D(.average, poolSize: 2, padding: .same), [randomTensor([1, 5, 2], seed: 17)]) },
    "MaxPooling2D": { try checkLayer(Pool2D(.max), [randomTensor([1, 4, 5, 2], seed: 18)]) },
    "AveragePooling2D": { try checkLayer(Pool2D(.average, poolSize: [2, 3]), [randomTensor([1, 4, 6, 2], seed: 19)]) },
    "GlobalAveragePooling1D": {
        let out = try checkLayer(GlobalAveragePooling(dimensions: 1), [randomTensor([2, 3, 4], seed: 20)])
        #expect(out == [2, 4])
    },
    "GlobalAveragePooling2D": {
        let out = try checkLayer(GlobalAveragePooling(dimensions: 2), [randomTensor([2, 3, 2, 4], seed: 21)])
        #expect(out == [2, 4])
    },
    "NearestPrototype": {
        // Prototypes are state, not weights: the gradient reaches the embedding only, and −‖x − p‖² is checked
        // against random prototypes rather than the zeros it is built with.
        let layer = NearestPrototype(units: 3)
        _ = try layer.build(inputShapes: [[4, 5]])
        layer.setPrototypes(randomTensor([3, 5], seed: 38).scalars)
        #expect(layer.trainableParameters().isEmpty)
        GradCheck().check([randomTensor([4, 5], seed: 37)]) { layer.forward($0, context: ForwardContext(training: true)) }
    },
    "WindowPooling": {
        // Clip 0 has three real windows, clip 1 one: padding must get no gradient and no weight.
        let mask: [Float] = [1, 1, 1, 0, 1, 0, 0, 0]
        let x = randomTensor([2, 4, 4], seed: 36).scalars
        var data: [Float] = []
        for w in 0..<8 { data += x[(w * 4)..<(w * 4 + 4)]; data.append(mask[w]) }
        let withMask = Tensor(shape: [2, 4, 5], data: data)
        for mode in WindowPooling.Mode.allCases {
            let out = try checkLayer(WindowPooling(mode: mode, units: 3), [withMask])
            #expect(out == [2, 4])
        }
    },
    "GlobalMaxPooling1D": {
        let out = try checkLayer(GlobalMaxPooling(dimensions: 1), [randomTensor([2, 5, 3], seed: 35)])
        #expect(out == [2, 3])
    },
    "GlobalMaxPooling2D": {
        let out = try checkLayer(GlobalMaxPooling(dimensions: 2), [randomTensor([2, 3, 2, 4], seed: 36)])
        #expect(out == [2, 4])
    },
    "Flatten": {
        let out = try checkLayer(Flatten(), [randomTensor([2, 3, 2, 2], seed: 22)])
        #expect(out == [2, 12])
    },
    "Reshape": {
        let out = try checkLayer(Reshape(targetShape: [-1, 3]), [randomTensor([2, 6], seed: 23)])
        #expect(out == [2, 2, 3])
    },
    "Activation": {
        try checkLayer(Activation(.gelu), [randomTensor([3, 4], seed: 24)])
        try checkLayer(Activation(.softmax), [randomTensor([3, 4], seed: 25)])
        try checkLayer(Activation(.silu), [randomTensor([3, 4], seed: 33)])
        try checkLayer(Activation(.softplus), [randomTensor([3, 4], seed: 34)])
    },
    "Embedding": {
        // Ids are not differentiable: only the table is checked.
        let e = Embedding(inputDim: 5, outputDim: 3)
        try e.build(inputShape: [2, 3])
        e.initializeParameters(seed: 1)
        let ids = Tensor(shape: [2, 3], data: [0, 4, 4, 1, 0, 2])
        GradCheck().check([e.namedParameters()[0].value]) { _ in e.forward(ids, context: .inference) }
    },
    "PositionalEmbedding": { try checkLayer(PositionalEmbedding(sequenceLength: 6), [randomTensor([2, 4, 3], seed: 32)]) },
    "MultiHeadAttention": {
        try checkLayer(MultiHeadAttention(numHeads: 2, keyDim: 3), [randomTensor([2, 4, 6], seed: 9)])
        let cross = try checkLayer(MultiHeadAttention(numHeads: 2, keyDim: 2), [randomTensor([1, 3, 4], seed: 10), randomTensor([1, 5, 6], seed: 11)])
        #expect(cross == [1, 3, 4])
    },
    "GRU": {
        try checkLayer(GRU(units: 3), [randomTensor([2, 4, 3], seed: 12)])
        try checkLayer(GRU(units: 2, returnSequences: true, goBackwards: true), [randomTensor([2, 3, 2], seed: 13)])
    },
    "Bidirectional": {
        let out = try checkLayer(Bidirectional(GRU(units: 2, returnSequences: true)), [randomTensor([2, 4, 3], seed: 14)])
        #expect(out == [2, 4, 4])
    },
    "Add": { try checkLayer(Add(), [randomTensor([2, 3], seed: 27), randomTensor([2, 3], seed: 28), randomTensor([2, 3], seed: 29)]) },
    "Concatenate": {
        let out = try checkLayer(Concatenate(axis: 1), [randomTensor([2, 3, 2], seed: 30), randomTensor([2, 1, 2], seed: 31)])
        #expect(out == [2, 4, 2])
    },
]

@Test(arguments: LayerRegistry.kinds.map(\.name))
func everyLayerKindPassesItsGradientCheck(_ name: String) throws {
    let check = try #require(gradientChecks[name], "no gradient check for \(name): add one to gradientChecks")
    try check()
}

@Test func gradientChecksNameOnlyRegistryKinds() {
    let names = Set(LayerRegistry.kinds.map(\.name))
    #expect(gradientChecks.keys.filter { !names.contains($0) }.isEmpty)
}

@Test func batchNormTrainingUpdatesTheMovingStatistics() throws {
    // One training pass from fresh statistics: moving = 0.99·old + 0.01·batch (biased variance).
    let x = randomTensor([4, 3, 2], seed: 7, low: 0, high: 2)
    let fresh = BatchNormalization()
    try fresh.build(inputShape: x.shape)
    _ = Tensor.withoutGrad { fresh.forward(x, context: ForwardContext(training: true)) }
    let v = x.scalars
    for c in 0..<2 {
        let col = stride(from: c, to: v.count, by: 2).map { Double(v[$0]) }
        let mean = col.reduce(0, +) / Double(col.count)
        let variance = col.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(col.count)
        let state = Dictionary(uniqueKeysWithValues: fresh.namedParameters().map { ($0.name, $0.value.scalars) })
        #expect(abs(Double(state["moving_mean"]![c]) - 0.01 * mean) < 1e-6)
        #expect(abs(Double(state["moving_variance"]![c]) - (0.99 + 0.01 * variance)) < 1e-6)
    }
}

@Test func batchNormInferenceUsesMovingStatistics() throws {
    let bn = BatchNormalization(epsilon: 1e-3)
    try bn.build(inputShape: [2, 2])
    let p = Dictionary(uniqueKeysWithValues: bn.namedParameters().map { ($0.name, $0.value) })
    p["moving_mean"]!.withUnsafeMutableBufferPointer { $0[0] = 1; $0[1] = -2 }
    p["moving_variance"]!.withUnsafeMutableBufferPointer { $0[0] = 4; $0[1] = 0.25 }
    p["gamma"]!.withUnsafeMutableBufferPointer { $0[0] = 2; $0[1] = 1 }
    p["beta"]!.withUnsafeMutableBufferPointer { $0[0] = 0.5; $0[1] = 0 }
    let y = bn.forward(Tensor(shape: [2, 2], data: [3, 0, 1, -2]), context: .inference).scalars
    #expect(abs(y[0] - (2 * 2 / Float(4.001).squareRoot() + 0.5)) < 1e-6)
    #expect(abs(y[1] - 2 / Float(0.251).squareRoot()) < 1e-5)
    #expect(abs(y[2] - 0.5) < 1e-6 && abs(y[3]) < 1e-6)
}

@Test func bidirectionalSequenceFlipsTheBackwardHalfIntoTimeOrder() throws {
    let bi = Bidirectional(GRU(units: 2, returnSequences: true))
    let last = Bidirectional(GRU(units: 2))
    let x = randomTensor([1, 5, 3], seed: 15)
    try bi.build(inputShape: x.shape); try last.build(inputShape: x.shape)
    bi.initializeParameters(seed: 3); last.initializeParameters(seed: 3)
    let seq = bi.forward(x, context: .inference).scalars, fin = last.forward(x, context: .inference).scalars
    // Forward half of the final state is the sequence's last step; backward half (read down to x_0) is step 0.
    #expect(Array(seq[16..<18]) == Array(fin[0..<2]))
    #expect(Array(seq[2..<4]) == Array(fin[2..<4]))
}

@Test func leakyReluHasTheKerasSlope() throws {
    let leaky = try LayerRegistry.make(LayerConfig(type: "activation", options: ["activation": "leaky_relu"]))
    #expect(leaky.forward(Tensor(shape: [2], data: [-1, 3]), context: .inference).scalars == [-0.2, 3])
}

@Test func embeddingLooksUpRowsOfItsTable() throws {
    let e = Embedding(inputDim: 5, outputDim: 3)
    try e.build(inputShape: [2, 3])
    e.initializeParameters(seed: 1)
    let y = e.forward(Tensor(shape: [2, 3], data: [0, 4, 4, 1, 0, 2]), context: .inference)
    let table = e.namedParameters()[0].value.scalars
    #expect(y.shape == [2, 3, 3])
    #expect(Array(y.scalars[3..<6]) == Array(table[12..<15]))
}

/// Each channel's largest value, also when every value is negative, and the whole gradient to where it was.
@Test func globalMaxPoolingTakesEachChannelsLargestValue() throws {
    let oneD = GlobalMaxPooling(dimensions: 1)
    let x = Tensor(shape: [2, 3, 2], data: [1, -5, 4, 2, -3, 7, -1, -2, -6, -0.5, -3, -4], requiresGrad: true)
    #expect(try oneD.build(inputShape: x.shape) == [2, 2])
    let y = oneD.forward(x, context: .inference)
    #expect(y.shape == [2, 2])
    #expect(y.scalars == [4, 7, -1, -0.5])
    y.backward(seed: Tensor(shape: [2, 2], data: [10, 20, 30, 40]))
    #expect(x.grad?.scalars == [0, 0, 10, 0, 0, 20, 30, 0, 0, 40, 0, 0])

    // [1, 2, 2, 2]: channel 0 holds 1, 9, -2, 3; channel 1 holds 5, 0, -8, 6.
    let twoD = GlobalMaxPooling(dimensions: 2)
    let image = Tensor(shape: [1, 2, 2, 2], data: [1, 5, 9, 0, -2, -8, 3, 6])
    #expect(try twoD.build(inputShape: image.shape) == [1, 2])
    #expect(twoD.forward(image, context: .inference).scalars == [9, 6])
    #expect(throws: ShapeError.self) { try twoD.outputShape(for: [[1, 4, 2]]) }
}
