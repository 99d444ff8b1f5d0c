import Foundation
import NN
import GradCheck
import TensorCore
import Testing

private func smallCNN() -> Sequential {
    Sequential(named: [
        ("blocks", Sequential([
            Sequential(named: [("conv", Conv2D(filters: 4, kernelSize: [3, 3], padding: .same)), ("bn", BatchNormalization()),
                               ("act", Activation(.relu))]),
            Pool2D(.max),
            Sequential(named: [("conv", Conv2D(filters: 8, kernelSize: [3, 3])), ("bn", BatchNormalization())]),
        ])),
        ("pool", GlobalAveragePooling(dimensions: 2)),
        ("drop", Dropout(rate: 0.2)),
        ("head", Dense(units: 3, activation: .softmax)),
    ])
}

@Test func parameterNamesAreDottedPathsWithKerasLeaves() throws {
    let m = smallCNN()
    #expect(try m.build(inputShape: [-1, 8, 8, 1]) == [-1, 3])
    #expect(m.namedParameters().map(\.name) == [
        "blocks.0.conv.kernel", "blocks.0.conv.bias", "blocks.0.bn.gamma", "blocks.0.bn.beta",
        "blocks.0.bn.moving_mean", "blocks.0.bn.moving_variance",
        "blocks.2.conv.kernel", "blocks.2.conv.bias", "blocks.2.bn.gamma", "blocks.2.bn.beta",
        "blocks.2.bn.moving_mean", "blocks.2.bn.moving_variance",
        "head.kernel", "head.bias",
    ])
    // 3·3·1·4+4 + 4·4 + 3·3·4·8+8 + 4·8 + 8·3+3; moving statistics are state, not trainable.
    #expect(m.parameterCount == 40 + 16 + 296 + 32 + 27)
    #expect(m.trainableParameterCount == m.parameterCount - 8 - 16)
    #expect(m.trainableParameters().allSatisfy { !$0.name.contains("moving") })
}

@Test func summaryListsEveryLayerWithShapesAndCounts() throws {
    let m = smallCNN()
    try m.build(inputShape: [-1, 8, 8, 1])
    let rows = try m.summary(inputShapes: [[-1, 8, 8, 1]])
    #expect(rows.map(\.name) == ["blocks.0.conv", "blocks.0.bn", "blocks.0.act", "blocks.1", "blocks.2.conv", "blocks.2.bn", "pool", "drop", "head"])
    #expect(rows[3] == LayerSummaryRow(name: "blocks.1", op: "MaxPooling2D", outputShape: [-1, 4, 4, 4], parameterCount: 0))
    #expect(rows[4].outputShape == [-1, 2, 2, 8] && rows[4].parameterCount == 296)
    #expect(rows.map(\.parameterCount).reduce(0, +) == m.parameterCount)
}

@Test func impossibleShapesGiveOneLineErrorsNamingTheLayer() throws {
    let m = Sequential([Flatten(), Conv2D(filters: 4, kernelSize: [3, 3])])
    do {
        _ = try m.outputShape(for: [-1, 123, 64])
        Issue.record("expected a shape error")
    } catch let e as ShapeError {
        #expect(e.description == "1 (Conv2D): conv2d expects [N,H,W,C], got [N,7872]")
    }
    #expect(throws: ShapeError.self) { try Conv1D(filters: 2, kernelSize: 5).outputShape(for: [1, 3, 2]) }
    #expect(throws: ShapeError.self) { try Conv2D(filters: 3, kernelSize: [1, 1], groups: 2).outputShape(for: [1, 3, 3, 4]) }
    #expect(throws: ShapeError.self) { try Add().outputShape(for: [[1, 2], [1, 3]]) }
    #expect(throws: ShapeError.self) { try Reshape(targetShape: [5]).outputShape(for: [1, 4]) }
    // A built layer refuses a different input width instead of silently rebuilding.
    let d = Dense(units: 2)
    try d.build(inputShape: [1, 3])
    #expect(throws: ShapeError.self) { try d.build(inputShape: [1, 4]) }
}

@Test func logitsSkipAFinalSoftmax() throws {
    let m = smallCNN()
    try m.build(inputShape: [2, 8, 8, 1])
    m.initializeParameters(seed: 1)
    let x = randomTensor([2, 8, 8, 1], seed: 3)
    let probs = m.forward(x, context: .inference), logits = m.logits(x, context: .inference)
    #expect(m.endsInSoftmax)
    let again = logits.softmax(axis: -1).scalars
    for (a, b) in zip(probs.scalars, again) { #expect(abs(a - b) < 1e-6) }
    #expect(zip(probs.scalars, logits.scalars).contains { abs($0 - $1) > 1e-3 })
    let plain = Sequential([Dense(units: 2)])
    #expect(!plain.endsInSoftmax)
}

@Test func graphRunsAResidualBlockInDependencyOrder() throws {
    // Listed out of order on purpose: the graph sorts by dependencies.
    let g = try Graph(inputs: ["x"], nodes: [
        GraphNode("sum", Add(), inputs: ["x", "b"]),
        GraphNode("a", Dense(units: 4, activation: .relu), inputs: ["x"]),
        GraphNode("b", Dense(units: 4), inputs: ["a"]),
        GraphNode("head", Dense(units: 2, activation: .softmax), inputs: ["cat"]),
        GraphNode("cat", Concatenate(), inputs: ["sum", "x"]),
    ], output: "head")
    #expect(g.nodes.map(\.name) == ["a", "b", "sum", "cat", "head"])
    #expect(try g.build(inputShapes: [[3, 4]]) == [3, 2])
    #expect(g.namedParameters().map(\.name) == ["a.kernel", "a.bias", "b.kernel", "b.bias", "head.kernel", "head.bias"])
    g.initializeParameters(seed: 2)
    let x = randomTensor([3, 4], seed: 9)
    // Same numbers by hand with the node modules.
    let ctx = ForwardContext.inference
    let a = g.nodes[0].module.forward(x, context: ctx), b = g.nodes[1].module.forward(a, context: ctx)
    let manual = g.nodes[4].module.logits(concat([x + b, x], axis: -1), context: ctx)
    #expect(g.logits([x], context: ctx).scalars == manual.scalars)
    GradCheck().check([x]) { xs in g.logits(xs, context: ctx) }
}

@Test func graphRejectsCyclesUnknownNamesAndDeadNodes() {
    #expect(throws: ShapeError.self) {
        try Graph(inputs: ["x"], nodes: [GraphNode("a", Add(), inputs: ["x", "b"]), GraphNode("b", Dense(units: 1), inputs: ["a"])], output: "b")
    }
    #expect(throws: ShapeError.self) { try Graph(inputs: ["x"], nodes: [GraphNode("a", Dense(units: 1), inputs: ["y"])], output: "a") }
    #expect(throws: ShapeError.self) {
        try Graph(inputs: ["x"], nodes: [GraphNode("a", Dense(units: 1), inputs: ["x"]), GraphNode("b", Dense(units: 1), inputs: ["x"])], output: "a")
    }
    #expect(throws: ShapeError.self) { try Graph(inputs: ["x"], nodes: [GraphNode("a.b", Dense(units: 1), inputs: ["x"])], output: "a.b") }
}

@Test func stateListRoundTripsAndRejectsMismatches() throws {
    let m = smallCNN(), n = smallCNN()
    try m.build(inputShape: [1, 8, 8, 1]); try n.build(inputShape: [1, 8, 8, 1])
    m.initializeParameters(seed: 1); n.initializeParameters(seed: 2)
    #expect(m.stateList().map(\.values) != n.stateList().map(\.values))
    try n.loadStateList(m.stateList())
    #expect(m.stateList().map(\.values) == n.stateList().map(\.values))
    var bad = m.stateList()
    bad[0].shape = [9]
    #expect(throws: ShapeError.self) { try n.loadStateList(bad) }
    #expect(throws: ShapeError.self) { try n.loadStateList(Array(m.stateList().dropLast())) }
}

@Test func architectureSpecsBuildNestedModelsAndRoundTripThroughJSON() throws {
    let block = ModuleSpec.sequential([
        .init(name: "conv", .layer(LayerConfig(type: "Conv1D", options: ["filters": .int(4), "kernel_size": .int(3), "padding": .string("same")]))),
        .init(name: "bn", .layer(LayerConfig(type: "BatchNormalization"))),
    ])
    let spec = ModuleSpec.graph(inputs: ["x"], nodes: [
        .init(name: "stem", .layer(LayerConfig(type: "Conv1D", options: ["filters": .int(4), "kernel_size": .int(1)])), inputs: ["x"]),
        .init(name: "block", block, inputs: ["stem"]),
        .init(name: "res", .layer(LayerConfig(type: "Add")), inputs: ["stem", "block"]),
        .init(name: "head", .sequential([.init(.layer(LayerConfig(type: "GlobalAveragePooling1D"))),
                                          .init(.layer(LayerConfig(type: "Dense", options: ["units": .int(3), "activation": .string("softmax")])))]),
              inputs: ["res"]),
    ], output: "head")
    let model = try spec.build()
    #expect(try model.build(inputShapes: [[2, 10, 5]]) == [2, 3])
    #expect(model.namedParameters().map(\.name) == [
        "stem.kernel", "stem.bias", "block.conv.kernel", "block.conv.bias", "block.bn.gamma", "block.bn.beta",
        "block.bn.moving_mean", "block.bn.moving_variance", "head.1.kernel", "head.1.bias",
    ])
    #expect(model.endsInSoftmax)
    let back = ModuleSpec(of: model)
    #expect(back == ModuleSpec(of: try spec.build()))
    let json = try JSONEncoder().encode(back)
    #expect(try JSONDecoder().decode(ModuleSpec.self, from: json) == back)
    // A bad option deep inside names its path.
    let bad = ModuleSpec.sequential([.init(name: "blocks", .sequential([.init(.layer(LayerConfig(type: "Dense")))]))])
    #expect(throws: ShapeError("blocks.0: Dense: units is required: an integer in [1, 65536]")) { try bad.build() }
}
