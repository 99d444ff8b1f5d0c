import Experiment
import Foundation
import NN
import TensorCore
import Testing

/// Builds the model of an in-memory experiment file (data folders are not checked).
private func buildModel(_ yaml: String, file: String = "model.yaml", classes: Int = 3) throws -> BuiltModel {
    let config = try ExperimentConfig.parse(yaml: yaml, file: file, dataDirectory: nil)
    return try GraphBuilder.build(config.model, classCount: classes, seed: 11)
}

/// The one diagnostic building `yaml` reports, as `file:line:column: message`.
private func buildError(_ yaml: String, file: String = "model.yaml") -> String? {
    do {
        _ = try buildModel(yaml, file: file)
        return nil
    } catch let error as ConfigError {
        return error.diagnostics.map(\.description).joined(separator: "\n")
    } catch {
        return "not a ConfigError: \(error)"
    }
}

private func randomInput(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor(shape: shape, data: (0..<shape.reduce(1, *)).map { _ in rng.normal() })
}

/// A residual `add` and a `concatenate` in a named DAG: the shapes flow through both merges and the parameter
/// count is the sum of the three convolutions and the classifier.
@Test func graphBuilderBuildsADAGWithAResidualAddAndAConcatenate() throws {
    let built = try buildModel("""
        model:
          input_shape: [32, 16]
          input: mel
          output: out
          nodes:
            c1: {op: conv1d, inputs: [mel], filters: 8, kernel_size: 3, padding: same, activation: relu}
            c2: {op: conv1d, inputs: [c1], filters: 8, kernel_size: 3, padding: same}
            res: {op: add, inputs: [c1, c2]}
            side: {op: conv1d, inputs: [mel], filters: 4, kernel_size: 1}
            cat: {op: concatenate, inputs: [res, side]}
            pool: {op: global_avg_pool1d, inputs: [cat]}
            out: {op: dense, inputs: [pool], units: classes, activation: softmax}
        """)
    // c1 16·3·8+8, c2 8·3·8+8, side 16·4+4, out 12·3+3.
    #expect(built.module.parameterCount == 392 + 200 + 68 + 39)
    let shapes = Dictionary(uniqueKeysWithValues: built.summary.map { ($0.name, $0.outputShape) })
    #expect(shapes["res"] == [-1, 32, 8])
    #expect(shapes["cat"] == [-1, 32, 12])
    #expect(shapes["out"] == [-1, 3])
    let y = built.module.forward(randomInput([2, 32, 16], seed: 1), context: .inference)
    #expect(y.shape == [2, 3])
    // Softmax rows sum to one.
    let p = y.scalars
    #expect(abs(p[0] + p[1] + p[2] - 1) < 1e-5 && abs(p[3] + p[4] + p[5] - 1) < 1e-5)
}

/// Nodes may be written in any order: the same graph written backwards builds the same model, with the same
/// (name-seeded) weights and the same outputs.
@Test func graphBuilderBuildsNodesWrittenOutOfOrder() throws {
    let nodes = [
        "c1: {op: conv1d, inputs: [mel], filters: 6, kernel_size: 3, activation: relu}",
        "c2: {op: conv1d, inputs: [c1], filters: 6, kernel_size: 3, padding: same}",
        "res: {op: add, inputs: [c1, c2]}",
        "flat: {op: flatten, inputs: [res]}",
        "out: {op: dense, inputs: [flat], units: classes, activation: softmax}",
    ]
    func yaml(_ nodes: [String]) -> String {
        "model:\n  input_shape: [12, 5]\n  input: mel\n  output: out\n  nodes:\n"
            + nodes.map { "    " + $0 + "\n" }.joined()
    }
    let inOrder = try buildModel(yaml(nodes))
    let reversed = try buildModel(yaml(nodes.reversed()))
    #expect(reversed.module.parameterCount == inOrder.module.parameterCount)
    #expect(reversed.module.parameterCount == (5 * 3 * 6 + 6) + (6 * 3 * 6 + 6) + (10 * 6 * 3 + 3))
    let x = randomInput([3, 12, 5], seed: 2)
    let a = inOrder.module.forward(x, context: .inference).scalars
    let b = reversed.module.forward(x, context: .inference).scalars
    #expect(a == b)
    #expect(Set(a).count > 1)
}

/// A MobileNetV2-style model: one inverted-residual block (expand 1×1, depthwise k×k, project 1×1, with a
/// projected shortcut added back) declared once with `params`, used 7 times with different `$params`.
let mobileNetLike = """
    model:
      input_shape: [32, 16, 1]
      blocks:
        inverted_residual:
          params: {expand: 16, out: 8, stride: 1, kernel: 3}
          input: x
          output: sum
          nodes:
            expand: {op: conv2d, inputs: [x], filters: $expand, kernel_size: 1, use_bias: false}
            expand_bn: {op: batch_norm, inputs: [expand]}
            expand_act: {op: activation, inputs: [expand_bn], activation: relu6}
            depthwise: {op: depthwise_conv2d, inputs: [expand_act], kernel_size: $kernel, strides: $stride, padding: same, use_bias: false}
            depthwise_bn: {op: batch_norm, inputs: [depthwise]}
            depthwise_act: {op: activation, inputs: [depthwise_bn], activation: relu6}
            project: {op: conv2d, inputs: [depthwise_act], filters: $out, kernel_size: 1, use_bias: false}
            project_bn: {op: batch_norm, inputs: [project]}
            shortcut: {op: conv2d, inputs: [x], filters: $out, kernel_size: 1, strides: $stride, use_bias: false}
            sum: {op: add, inputs: [project_bn, shortcut]}
      layers:
        - {type: conv2d, filters: 8, kernel_size: 3, strides: 2, padding: same, activation: relu6}
        - {type: inverted_residual, expand: 8, out: 8}
        - {type: inverted_residual, expand: 48, out: 12, stride: 2}
        - {type: inverted_residual, expand: 72, out: 12}
        - {type: inverted_residual, expand: 72, out: 16, stride: 2}
        - {type: inverted_residual, expand: 96, out: 16, kernel: 5}
        - {type: inverted_residual, expand: 96, out: 24}
        - {type: inverted_residual, expand: 144, out: 32, stride: 2}
        - {type: global_avg_pool2d}
        - {type: dense, units: classes, activation: softmax}
    train: {epochs: 2, batch_size: 8, optimizer: {type: adam, lr: 1.0e-2}}
    """

@Test func graphBuilderBuildsAndTrainsABlockUsedSevenTimesWithDifferentParams() throws {
    let config = try ExperimentConfig.parse(yaml: mobileNetLike, file: "mobilenet.yaml", dataDirectory: nil)
    let built = try GraphBuilder.build(config.model, classCount: 3, seed: 5)
    // Per block: expand cin·e, depthwise k²·e, project e·out, shortcut cin·out, three batch norms (4 each per channel).
    let uses: [(cin: Int, e: Int, out: Int, k: Int)] = [(8, 8, 8, 3), (8, 48, 12, 3), (12, 72, 12, 3), (12, 72, 16, 3),
                                                        (16, 96, 16, 5), (16, 96, 24, 3), (24, 144, 32, 3)]
    let blocks = uses.map { $0.cin * $0.e + $0.k * $0.k * $0.e + $0.e * $0.out + $0.cin * $0.out + 4 * (2 * $0.e + $0.out) }
    let expected = (3 * 3 * 1 * 8 + 8) + blocks.reduce(0, +) + (32 * 3 + 3)
    #expect(expected == 33_019)
    #expect(built.module.parameterCount == expected)
    // The strides of the uses compose: 32×16 → 16×8 (stem) → 8×4 → 4×2 → 2×1, 32 channels.
    #expect(built.summary.contains { $0.outputShape == [-1, 2, 1, 32] })
    #expect(built.summary.last?.outputShape == [-1, 3])
    #expect(built.table.contains("total params: 33019"))

    // One short fit on random inputs: finite losses and every trainable weight moves.
    var rng = RNG(seed: 3)
    let n = 16, size = 32 * 16
    let inputs = (0..<(n * size)).map { _ in rng.normal() }
    let labels = (0..<n).map { $0 % 3 }
    let examples = InMemoryExamples(inputs: inputs, labels: labels, validFrames: Array(repeating: 32, count: n),
                                    exampleShape: [32, 16, 1])
    let before = built.module.stateList()
    let trainer = Trainer(model: built.module, config: config.train, classCount: 3, seed: 5, classWeights: nil)
    let outcome = try trainer.fit(train: examples, validation: nil)
    #expect(outcome.history.count == 2)
    #expect(outcome.history.allSatisfy { $0.loss.isFinite && $0.loss > 0 })
    let after = Dictionary(uniqueKeysWithValues: built.module.stateList().map { ($0.name, $0.values) })
    let trainable = Set(built.module.trainableParameters().map(\.name))
    let unchanged = before.filter { trainable.contains($0.name) && after[$0.name] == $0.values }.map(\.name)
    #expect(unchanged.isEmpty, "weights that did not move: \(unchanged)")
}

/// A `$param` the block does not declare is an error at the place it is written, with a suggestion.
@Test func graphBuilderReportsAnUndeclaredBlockParamAtItsLocation() throws {
    let yaml = """
        model:
          input_shape: [12, 5]
          blocks:
            conv:
              params: {filters: 4}
              layers:
                - {type: conv1d, filters: $filtres, kernel_size: 3}
          layers:
            - {type: conv, filters: 6}
            - {type: flatten}
            - {type: dense, units: classes}
        """
    #expect(buildError(yaml) == "model.yaml:7:35: '$filtres' is not a parameter of the enclosing block (did you mean 'filters'?)")
}

/// A shape that cannot flow names the layer, its op and both shapes, at the layer's line and column.
@Test func graphBuilderShapeErrorNamesTheNodeAndBothShapes() throws {
    let nodes = """
        model:
          input_shape: [20, 8]
          input: x
          output: out
          nodes:
            conv1: {op: conv1d, inputs: [x], filters: 4, kernel_size: 3}
            flat: {op: flatten, inputs: [conv1]}
            conv3: {op: conv2d, inputs: [flat], filters: 8, kernel_size: 3}
            out: {op: dense, inputs: [conv3], units: classes}
        """
    #expect(buildError(nodes) == "model.yaml:8:12: node conv3 (conv2d) expects [N,H,W,C], got [N,72]")
    let layers = """
        model:
          input_shape: [20, 8]
          layers:
            - {type: conv1d, filters: 4, kernel_size: 3}
            - {type: flatten}
            - {type: conv2d, name: conv3, filters: 8, kernel_size: 3}
        """
    #expect(buildError(layers) == "model.yaml:6:7: layer conv3 (conv2d) expects [N,H,W,C], got [N,72]")
}

/// A misspelt required option is reported as the unknown key it is, not as the required one missing.
@Test func graphBuilderNamesAMisspeltRequiredOption() throws {
    let yaml = """
        model:
          input_shape: [20, 8]
          layers:
            - {type: conv1d, filter: 32, kernel_size: 3}
            - {type: flatten}
            - {type: dense, units: classes}
        """
    #expect(buildError(yaml) == "model.yaml:4:22: unknown key 'filter' in conv1d layer (did you mean 'filters'?)")
    // An optional option misspelt is caught by the layer's own option list.
    let optional = yaml.replacingOccurrences(of: "filter: 32, kernel_size: 3", with: "filters: 32, kernel_size: 3, activaton: relu")
    #expect(buildError(optional) == "model.yaml:4:51: unknown key 'activaton' in conv1d layer (did you mean 'activation'?)")
}

/// Values the layers cannot use are errors at the value written, naming the layer, the option and the range; they
/// used to divide by zero (`pool_size: 0`, `strides: 0`) or run out of memory (`units: 2000000000`).
@Test func graphBuilderReportsAnOptionOutsideItsRangeAtTheValue() throws {
    let yaml = """
        model:
          input_shape: [20, 8]
          layers:
            - {type: conv1d, filters: 4, kernel_size: 3}
            - {type: max_pool1d, pool_size: 0}
            - {type: flatten}
            - {type: dense, units: classes}
        """
    #expect(buildError(yaml) == "model.yaml:5:37: model.layers.1 (max_pool1d): pool_size must be an integer in [1, 65536], got 0")
    let strides = yaml.replacingOccurrences(of: "pool_size: 0", with: "strides: 0")
    #expect(buildError(strides) == "model.yaml:5:35: model.layers.1 (max_pool1d): strides must be an integer in [1, 65536], got 0")
    let units = yaml.replacingOccurrences(of: "pool_size: 0", with: "pool_size: 2")
        .replacingOccurrences(of: "units: classes", with: "units: 2000000000")
    #expect(buildError(units) == "model.yaml:7:28: model.layers.3 (dense): units must be an integer in [1, 65536], got 2000000000")
    let missing = yaml.replacingOccurrences(of: "filters: 4, ", with: "")
    #expect(buildError(missing) == "model.yaml:4:7: model.layers.0 (conv1d) needs filters, an integer in [1, 65536]")
    let choice = yaml.replacingOccurrences(of: "kernel_size: 3", with: "kernel_size: 3, activation: rleu")
    #expect(buildError(choice) == "model.yaml:4:62: model.layers.0 (conv1d): activation must be one of "
        + "linear, relu, relu6, gelu, sigmoid, tanh, softmax, silu, softplus, leaky_relu, got 'rleu' (did you mean 'relu'?)")
}

/// A value bound to a block's `$param` is reported where it was bound, at the use of the block.
@Test func graphBuilderReportsABadBlockParameterWhereItIsBound() throws {
    let yaml = """
        model:
          input_shape: [12, 5]
          blocks:
            conv:
              params: {rate: 0.2}
              layers:
                - {type: conv1d, filters: 4, kernel_size: 3}
                - {type: dropout, rate: $rate}
          layers:
            - {type: conv, rate: 1.5}
            - {type: flatten}
            - {type: dense, units: classes}
        """
    #expect(buildError(yaml) == "model.yaml:10:26: model.layers.0 (block conv).layers.1 (dropout): rate must be a number in [0, 1), got 1.5")
}

/// An unknown layer type suggests the nearest YAML name; Keras names and aliases are accepted as they are.
@Test func graphBuilderSuggestsLayerTypesAndAcceptsKerasNames() throws {
    let yaml = """
        model:
          input_shape: [20, 8]
          layers:
            - {type: MaxPool1D, pool_size: 2}
            - {type: glbal_avg_pool1d}
            - {type: dense, units: classes}
        """
    #expect(buildError(yaml) == "model.yaml:5:14: model.layers.1: unknown layer type 'glbal_avg_pool1d' (did you mean 'global_avg_pool1d'?)")
    let fixed = try buildModel(yaml.replacingOccurrences(of: "glbal_avg_pool1d", with: "GlobalAveragePooling1D"))
    #expect(fixed.summary.map(\.op) == ["MaxPooling1D", "GlobalAveragePooling1D", "Dense"])
    #expect(fixed.summary.map(\.outputShape) == [[-1, 10, 8], [-1, 8], [-1, 3]])
}

/// A loss that stops being a number ends training with a message naming the epoch and batch, instead of NaN weights
/// and a history that cannot even be written (it used to end in "EncodingError.invalidValue: nan").
@Test func trainingThatDivergesStopsWithAMessageNamingWhere() throws {
    let yaml = """
        model:
          input_shape: [4]
          layers:
            - {type: dense, units: classes, activation: softmax}
        train: {epochs: 3, batch_size: 4, optimizer: {type: sgd, lr: 1.0e38}}
        """
    let config = try ExperimentConfig.parse(yaml: yaml, file: "diverge.yaml", dataDirectory: nil)
    let built = try GraphBuilder.build(config.model, classCount: 2, seed: 1)
    let examples = InMemoryExamples(inputs: (0..<32).map { Float($0 % 7) * 1e3 }, labels: (0..<8).map { $0 % 2 },
                                    validFrames: Array(repeating: 1, count: 8), exampleShape: [4])
    let trainer = Trainer(model: built.module, config: config.train, classCount: 2, seed: 1, classWeights: nil)
    do {
        _ = try trainer.fit(train: examples, validation: nil)
        Issue.record("training with lr 1e38 did not diverge")
    } catch let error as TrainingDiverged {
        #expect(error.epoch >= 1 && error.batch >= 1)
        #expect(error.description.hasPrefix("training diverged: the loss is "))
        #expect(error.description.contains("lower train.optimizer.lr"))
    }
}
