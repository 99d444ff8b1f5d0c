import Foundation
import NN
import TensorCore
import Testing

/// One of every layer with non-default options, and an input shape it accepts.
func everyLayer() -> [(any Module, [[Int]])] { [
    (Dense(units: 3, activation: .relu, useBias: false, kernelInitializer: .heNormal), [[2, 5]]),
    (Conv1D(filters: 4, kernelSize: 3, strides: 2, padding: .causal, dilationRate: 2, groups: 2, activation: .gelu), [[2, 9, 4]]),
    (Conv2D(filters: 6, kernelSize: [3, 1], strides: [2, 2], padding: .same, dilationRate: [1, 1], groups: 3), [[2, 8, 5, 3]]),
    (DepthwiseConv2D(kernelSize: [3, 3], strides: [1, 2], padding: .same, depthMultiplier: 2, useBias: false), [[2, 6, 6, 3]]),
    (BatchNormalization(momentum: 0.9, epsilon: 1e-5), [[2, 4, 3]]),
    (LayerNormalization(epsilon: 1e-6), [[2, 4, 3]]),
    (Dropout(rate: 0.3), [[2, 4]]),
    (Pool1D(.max, poolSize: 3, strides: 2, padding: .same), [[2, 9, 3]]),
    (Pool1D(.average), [[2, 9, 3]]),
    (Pool2D(.max, poolSize: [2, 3], strides: [1, 1]), [[2, 5, 6, 3]]),
    (Pool2D(.average, padding: .same), [[2, 5, 6, 3]]),
    (GlobalAveragePooling(dimensions: 1), [[2, 5, 3]]),
    (GlobalAveragePooling(dimensions: 2), [[2, 5, 4, 3]]),
    (Flatten(), [[2, 5, 4, 3]]),
    (Reshape(targetShape: [4, -1]), [[2, 12]]),
    (Activation(.relu6), [[2, 3]]),
    (Embedding(inputDim: 10, outputDim: 4, embeddingsInitializer: .normal), [[2, 7]]),
    (PositionalEmbedding(sequenceLength: 16), [[2, 7, 4]]),
    (MultiHeadAttention(numHeads: 2, keyDim: 3, useBias: false), [[2, 5, 6]]),
    (GRU(units: 4, returnSequences: true, goBackwards: true), [[2, 5, 3]]),
    (Bidirectional(GRU(units: 4)), [[2, 5, 3]]),
    (Add(), [[2, 3], [2, 3]]),
    (Concatenate(axis: 1), [[2, 3], [2, 5]]),
] }

@Test func everyLayerRoundTripsThroughItsConfig() throws {
    for (layer, shapes) in everyLayer() {
        let copy = try LayerRegistry.make(layer.config)
        #expect(copy.typeName == layer.typeName)
        #expect(copy.config == layer.config, "\(layer.typeName)")
        // The config survives JSON too (what a run folder stores).
        let json = try JSONEncoder().encode(layer.config)
        #expect(try JSONDecoder().decode(LayerConfig.self, from: json) == layer.config, "\(layer.typeName) JSON")
        // Same structure: same output shape and parameter names/shapes once built.
        #expect(try copy.build(inputShapes: shapes) == layer.build(inputShapes: shapes), "\(layer.typeName)")
        #expect(copy.namedParameters().map { "\($0.name)\($0.value.shape)" } == layer.namedParameters().map { "\($0.name)\($0.value.shape)" })
        copy.initializeParameters(seed: 4); layer.initializeParameters(seed: 4)
        #expect(copy.stateList().map(\.values) == layer.stateList().map(\.values), "\(layer.typeName) initial weights")
    }
}

@Test func registryAcceptsKerasAliasesAndRejectsUnknownTypes() throws {
    let pool = try LayerRegistry.make(LayerConfig(type: "MaxPool2D", options: ["pool_size": .int(3)]))
    #expect(try pool.outputShape(for: [[1, 9, 9, 2]]) == [1, 3, 3, 2])
    let conv = try LayerRegistry.make(LayerConfig(type: "Conv2D", options: ["filters": .int(8), "kernel_size": .int(3)]))
    #expect(try conv.outputShape(for: [[1, 9, 9, 2]]) == [1, 7, 7, 8])
    #expect(throws: ShapeError.self) { try LayerRegistry.make(LayerConfig(type: "Conv3D")) }
    #expect(throws: ShapeError.self) { try LayerRegistry.make(LayerConfig(type: "Dense", options: ["units": .string("many")])) }
    #expect(throws: ShapeError.self) { try LayerRegistry.make(LayerConfig(type: "Dense", options: ["units": .int(3), "activation": .string("swish2")])) }
}
