import Foundation
import Testing

/// A valid experiment on the scratch dataset; each case below spoils one line of it.
private let goodExperiment = """
    name: bad
    data: {root: data}
    features: {n_fft: 512, hop_length: 256, n_mels: 32, max_frames: 32}
    train:
      epochs: 2
      batch_size: 8
    model:
      layers:
        - {type: conv1d, filters: 8, kernel_size: 3, activation: relu}
        - {type: flatten}
        - {type: dense, units: classes, activation: softmax}

    """

/// Runs `soundlab run bad.yaml` on `text` and expects exit 2 with exactly one `error: <expected>` line:
/// no crash trace, no output, no run folder.
private func expectBadInput(_ text: String, _ expected: String, scratch: RunScratch? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
    let scratch = try scratch ?? RunScratch(trainingClips: 2, testClips: 1)
    try scratch.write("bad.yaml", text)
    let result = try scratch.run(["run", "bad.yaml", "--runs", "runs"])
    #expect(result.status == 2, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    expectOneErrorLine(result, expected, sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(!scratch.exists("runs/bad"), sourceLocation: sourceLocation)
}

/// Exactly one `error: <expected>` line on stderr; any other line is a progress phase ("features…"), never a trace.
func expectOneErrorLine(_ result: CLIResult, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let errors = result.stderrLines.filter { $0.hasPrefix("error:") }.map(String.init)
    #expect(errors == ["error: " + expected], "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    let other = result.stderrLines.filter { !$0.hasPrefix("error:") && !$0.hasSuffix("…") }
    #expect(other.isEmpty, "unexpected stderr lines: \(other)", sourceLocation: sourceLocation)
}

@Test func runWithAMisspeltKeyExitsTwoAtItsLocation() throws {
    try expectBadInput(goodExperiment.replacingOccurrences(of: "  epochs: 2", with: "  epocs: 2"),
                       "bad.yaml:5:3: unknown key 'epocs' in train (did you mean 'epochs'?)")
}

@Test func runWithAWrongTypeExitsTwoAtTheValue() throws {
    try expectBadInput(goodExperiment.replacingOccurrences(of: "batch_size: 8", with: "batch_size: ten"),
                       "bad.yaml:6:15: train.batch_size must be an integer, got 'ten'")
}

@Test func runWithAMissingDataFolderExitsTwoAtTheRoot() throws {
    try expectBadInput(goodExperiment.replacingOccurrences(of: "{root: data}", with: "{root: nodata}"),
                       "bad.yaml:2:14: data.root: data folder 'nodata' does not exist (relative to the current directory)")
}

@Test func runWithAnUnknownLayerTypeSuggestsTheNearestOne() throws {
    try expectBadInput(goodExperiment.replacingOccurrences(of: "type: conv1d", with: "type: conv1e"),
                       "bad.yaml:9:14: model.layers.0: unknown layer type 'conv1e' (did you mean 'conv1d'?)")
}

@Test func runWithAnUnknownLayerOptionSuggestsTheKnownOne() throws {
    try expectBadInput(goodExperiment.replacingOccurrences(of: "filters: 8", with: "filter: 32"),
                       "bad.yaml:9:22: unknown key 'filter' in conv1d layer (did you mean 'filters'?)")
}

/// Sizes and steps of 0 and widths no machine can hold exit 2 at the value; they used to end in SIGFPE or a fatal
/// out-of-memory error.
@Test func runWithALayerOptionOutsideItsRangeExitsTwoAtTheValue() throws {
    try expectBadInput(goodExperiment.replacingOccurrences(of: "kernel_size: 3", with: "kernel_size: 3, strides: 0"),
                       "bad.yaml:9:59: model.layers.0 (conv1d): strides must be an integer in [1, 65536], got 0")
    try expectBadInput(goodExperiment.replacingOccurrences(of: "units: classes", with: "units: 2000000000"),
                       "bad.yaml:11:28: model.layers.2 (dense): units must be an integer in [1, 65536], got 2000000000")
}

/// The baseline with a conv2d after its flatten: the message names the node, its op and both shapes, located at
/// the node. Runs on the shipped dataset so the flattened size is the baseline's 7872.
@Test func runWithAnImpossibleShapeNamesTheNodeAndBothShapes() throws {
    let scratch = try RunScratch(trainingClips: 0, testClips: 0)
    let file = scratch.url("shape.yaml").path
    try scratch.write("shape.yaml", """
        data: {root: Animals_Sounds}
        model:
          input: mel
          output: out
          nodes:
            conv1: {op: conv1d, inputs: [mel], filters: 32, kernel_size: 3, activation: relu}
            bn1: {op: batch_norm, inputs: [conv1]}
            pool1: {op: max_pool1d, inputs: [bn1], pool_size: 2}
            conv2: {op: conv1d, inputs: [pool1], filters: 64, kernel_size: 3, activation: relu}
            bn2: {op: batch_norm, inputs: [conv2]}
            pool2: {op: max_pool1d, inputs: [bn2], pool_size: 2}
            flat: {op: flatten, inputs: [pool2]}
            conv3: {op: conv2d, inputs: [flat], filters: 8, kernel_size: 3}
            out: {op: dense, inputs: [conv3], units: classes, activation: softmax}

        """)
    let result = try SoundLabCLI.run(["run", file, "--dry-run"])
    #expect(result.status == 2, "stderr: \(result.stderr)")
    expectOneErrorLine(result, "\(file):13:12: node conv3 (conv2d) expects [N,H,W,C], got [N,7872]")
}

/// A class with a single clip cannot give one to validation: exit 2 naming the class, before any training.
@Test func runWithAClassTooSmallForTheValidationSplitNamesTheClass() throws {
    let scratch = try RunScratch(trainingClips: 4, testClips: 1)
    try scratch.write("data/Training/Rare/only.wav", toneClip(class: 5, clip: 0))
    try scratch.write("data/Test/Rare/t.wav", toneClip(class: 5, clip: 1))
    try expectBadInput(goodExperiment,
                       "class 'Rare' has 1 clip(s) in 1 distinct group(s); a validation split needs at least 2 distinct clips per class",
                       scratch: scratch)
}

/// `--dry-run` of the baseline prints the layer table with Keras's totals and trains nothing.
@Test func runDryRunOfTheBaselinePrintsKerasParameterTotals() throws {
    let runs = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-dry-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: runs) }
    let result = try SoundLabCLI.run(["run", "experiments/baseline_1d_cnn.yaml", "--dry-run", "--runs", runs.path])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("total params: 1027946"))
    #expect(lines.contains("trainable params: 1027754"))
    #expect(lines.contains("non-trainable params: 192"))
    // One row per layer: conv1d, batch norm, pool, dropout twice over, flatten, dense, dropout, dense.
    let rows = lines.filter { $0.range(of: #"^\S+\s+\S+\s+\[N[,0-9]*\]\s+\d+$"#, options: .regularExpression) != nil }
    #expect(rows.count == 12, "\(result.stdout)")
    #expect(rows.contains { $0.contains("[N,7872]") })
    #expect(rows.last?.contains("[N,10]") == true && rows.last?.hasSuffix(" 1290") == true)
    #expect(!FileManager.default.fileExists(atPath: runs.path), "a dry run writes nothing")
}

/// The global-max-pool variant of the baseline: the head reads 64 channel maxima instead of 7872 flattened
/// values, 28,522 parameters (convolutions 12,320 + 6,208, batch norms 128 + 256, dense 8,320 + 1,290).
@Test func runDryRunOfTheGlobalMaxPoolExperimentPrintsItsParameters() throws {
    let runs = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-dry-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: runs) }
    let result = try SoundLabCLI.run(["run", "experiments/gmp_1d_cnn.yaml", "--dry-run", "--runs", runs.path])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("total params: 28522"))
    #expect(lines.contains("non-trainable params: 192"))
    #expect(lines.contains { $0.contains("GlobalMaxPooling1D") && $0.contains("[N,64]") })
}

/// A model built for another input than the features (it used to read past their end and segfault in release
/// builds, where shape preconditions are compiled out) is one error line naming both shapes and the fix.
@Test func aModelInputShapeOtherThanTheFeaturesIsAClearErrorNotACrash() throws {
    let text = goodExperiment.replacingOccurrences(of: "model:\n  layers:\n", with: "model:\n  input_shape: [32, 32, 1]\n  layers:\n")
        .replacingOccurrences(of: "{type: conv1d, filters: 8, kernel_size: 3, activation: relu}", with: "{type: conv2d, filters: 4, kernel_size: 3}")
    try expectBadInput(text, "model.input_shape is [32, 32, 1] but the features are [32, 32] (features.max_frames × features.n_mels); to "
                       + "give the model another view of the same 1024 values, keep input_shape at [32, 32] and start the layers "
                       + "with {type: reshape, target_shape: [32, 32, 1]}")
}
