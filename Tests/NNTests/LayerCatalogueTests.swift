import Foundation
import NN
import TensorCore
import Testing

/// config → make → config gives the same config, through JSON too; a copy made from it has the same structure and
/// the same initial weights.
@Test(arguments: LayerRegistry.kinds.map(\.name))
func everyLayerKindRoundTripsThroughItsConfig(_ name: String) throws {
    let example = try #require(layerExamples[name], "no round-trip example for \(name): add one to layerExamples")
    let layer = try LayerRegistry.make(example.config)
    #expect(layer.typeName == name)
    #expect(layer.config == example.config)
    let json = try JSONEncoder().encode(layer.config)
    #expect(try JSONDecoder().decode(LayerConfig.self, from: json) == layer.config)
    let copy = try LayerRegistry.make(layer.config)
    #expect(try copy.build(inputShapes: example.inputs) == layer.build(inputShapes: example.inputs))
    #expect(copy.namedParameters().map { "\($0.name)\($0.value.shape)" } == layer.namedParameters().map { "\($0.name)\($0.value.shape)" })
    copy.initializeParameters(seed: 4); layer.initializeParameters(seed: 4)
    #expect(copy.stateList().map(\.values) == layer.stateList().map(\.values))
}

/// A config with nothing but the required options comes back with every other option at its declared default, so a
/// layer's config never leaves out an option it has.
@Test(arguments: LayerRegistry.kinds.map(\.name))
func everyLayerKindWritesEveryOptionItHas(_ name: String) throws {
    let kind = try #require(LayerRegistry.kind(named: name))
    let example = try #require(layerExamples[name])
    let required = example.config.options.filter { key, _ in kind.options.contains { $0.key == key && $0.fallback == .required } }
    let config = try LayerRegistry.make(LayerConfig(type: name, options: required)).config
    for spec in kind.options {
        switch spec.fallback {
        case .required: #expect(config.options[spec.key] == required[spec.key], "\(spec.key)")
        case .value(let v): #expect(config.options[spec.key] == v, "\(spec.key)")
        case .derived: #expect(config.options[spec.key] == nil, "\(spec.key)")
        }
    }
    #expect(Set(config.options.keys).isSubset(of: kind.options.map(\.key)))
}

@Test func layerExamplesNameOnlyRegistryKinds() {
    let names = Set(LayerRegistry.kinds.map(\.name))
    #expect(layerExamples.keys.filter { !names.contains($0) }.isEmpty)
}

/// Every name (YAML, Keras, alias) belongs to one kind, and YAML names are snake_case.
@Test func layerNamesAreUniqueAcrossTheCatalogue() {
    let names = LayerRegistry.kinds.flatMap(\.names)
    #expect(Set(names).count == names.count, "\(Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys)")
    #expect(LayerRegistry.typeNames.count == names.count)
    for kind in LayerRegistry.kinds {
        #expect(kind.yamlName.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(kind.yamlName)")
    }
}

@Test func registryAcceptsYAMLAndKerasAliasesAndRejectsUnknownTypes() throws {
    let pool = try LayerRegistry.make(LayerConfig(type: "MaxPool2D", options: ["pool_size": 3]))
    #expect(pool.typeName == "MaxPooling2D")
    #expect(try pool.outputShape(for: [[1, 9, 9, 2]]) == [1, 3, 3, 2])
    let conv = try LayerRegistry.make(LayerConfig(type: "conv2d", options: ["filters": 8, "kernel_size": 3]))
    #expect(try conv.outputShape(for: [[1, 9, 9, 2]]) == [1, 7, 7, 8])
    #expect(throws: LayerConfigError(type: "Conv3D", option: nil, .unknownType(known: LayerRegistry.typeNames))) {
        try LayerRegistry.make(LayerConfig(type: "Conv3D"))
    }
    let swish = try LayerRegistry.make(LayerConfig(type: "Dense", options: ["units": 3, "activation": "swish"]))
    #expect(swish.config.options["activation"] == "silu")
}

/// Values no layer can use are errors naming the option and its range before any layer exists; they used to
/// divide by zero (pool_size, strides), run out of memory (units) or trap in a precondition.
@Test func optionsOutsideTheirRangeAreErrorsNamingTheOptionAndTheRange() throws {
    func problem(_ type: String, _ options: [String: ConfigValue]) -> String? {
        do {
            _ = try LayerRegistry.make(LayerConfig(type: type, options: options))
            return nil
        } catch {
            return error.description
        }
    }
    #expect(problem("MaxPooling1D", ["pool_size": 0]) == "MaxPooling1D: pool_size must be an integer in [1, 65536], got 0")
    #expect(problem("max_pool1d", ["strides": 0]) == "max_pool1d: strides must be an integer in [1, 65536], got 0")
    #expect(problem("Conv2D", ["filters": 2, "kernel_size": [3, 0]])
        == "Conv2D: kernel_size must be an integer or a list of 2 integers, each in [1, 65536], got [3, 0]")
    #expect(problem("Dense", ["units": 2_000_000_000]) == "Dense: units must be an integer in [1, 65536], got 2000000000")
    #expect(problem("Dense", ["units": 1.0e30]) == "Dense: units must be an integer in [1, 65536], got 1e+30")
    #expect(problem("Dense", [:]) == "Dense: units is required: an integer in [1, 65536]")
    #expect(problem("Dense", ["units": 3, "activation": "swish2"])?.hasPrefix("Dense: activation must be one of linear, relu,") == true)
    #expect(problem("Dense", ["units": 3, "unit": 3])?.hasPrefix("Dense: unknown option 'unit' (known: units, activation,") == true)
    #expect(problem("Dropout", ["rate": 1]) == "Dropout: rate must be a number in [0, 1), got 1")
    #expect(problem("BatchNormalization", ["epsilon": 0]) == "BatchNormalization: epsilon must be a number greater than 0, got 0")
    #expect(problem("Conv2D", ["filters": 2, "kernel_size": 3, "padding": "causal"])
        == "Conv2D: padding must be one of valid, same, got causal")
    #expect(problem("Reshape", ["target_shape": [-1, -1]]) == "Reshape: target_shape must be a list of sizes in [1, 65536], at most one of them -1, got [-1, -1]")
    #expect(problem("Bidirectional", ["units": 2, "go_backwards": true])
        == "Bidirectional: go_backwards must be false (the only value supported), got true")
    #expect(problem("LayerNormalization", ["axis": 1]) == "LayerNormalization: axis must be -1 (the only value supported), got 1")
}

/// A huge target shape is an error, not an overflow trap.
@Test func reshapeToAnOverflowingShapeIsAShapeError() throws {
    let r = Reshape(targetShape: [65_536, 65_536, 65_536, 65_536, -1])
    #expect(throws: ShapeError.self) { try r.outputShape(for: [[2, 12]]) }
}

/// The layer table in docs/experiments.md is the registry's, between the catalogue markers.
@Test func docsLayerTableMatchesTheRegistry() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/experiments.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let open = "<!-- catalogue:layers -->", close = "<!-- /catalogue:layers -->"
    let start = try #require(text.range(of: open)?.upperBound, "docs/experiments.md has no \(open)")
    let end = try #require(text.range(of: close, range: start..<text.endIndex)?.lowerBound, "docs/experiments.md has no \(close)")
    let written = String(text[start..<end]).trimmingCharacters(in: .newlines), expected = LayerRegistry.markdownTable
    #expect(written == expected, "docs/experiments.md's layer table is not the registry's; put this between the markers:\n\(expected)")
}
