import Foundation
import Testing

/// A minimal valid experiment body; `data.root` is absolute so it validates from any working directory.
private func experiment(train: String = "  epochs: 3\n", data: String? = nil) -> String {
    let root = SoundLabCLI.packageRoot.appendingPathComponent("Animals_Sounds").path
    return """
        data:
        \(data ?? "  root: \(root)\n")\
        model:
          layers:
            - {type: flatten}
            - {type: dense, units: classes, activation: softmax}
        train:
        \(train)
        """
}

/// Every shipped experiment file, as a path relative to the package root, sorted.
private func shippedExperiments() throws -> [String] {
    let folder = SoundLabCLI.packageRoot.appendingPathComponent("experiments")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".yaml") }.sorted().map { "experiments/\($0)" }
}

@Test func validateOfEveryShippedExperimentPrintsOkForEachAndExitsZero() throws {
    let files = try shippedExperiments()
    #expect(files.count >= 4)
    #expect(files.contains("experiments/baseline_1d_cnn.yaml"))
    let result = try SoundLabCLI.run(["validate"] + files)
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout == files.map { "ok  \($0)\n" }.joined())
    #expect(result.stderr.isEmpty)
}

@Test func validateOfAMisspeltKeyNamesItsLineAndColumnAndSuggestsTheKey() throws {
    let dir = try ScratchDirectory("validate")
    // The `epocs` key sits on line 8, indented two spaces: column 3.
    try dir.write(experiment(train: "  epocs: 3\n"), to: "x.yaml")
    #expect(try dir.read("x.yaml").split(separator: "\n", omittingEmptySubsequences: false)[7] == "  epocs: 3")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == ["x.yaml:8:3: unknown key 'epocs' in train (did you mean 'epochs'?)",
                                   "error: 1 of 1 experiment file invalid"])
}

@Test func validateOfAWrongTypeNamesTheFieldAndTheValueAtTheValuesColumn() throws {
    let dir = try ScratchDirectory("validate")
    try dir.write(experiment(train: "  epochs: 3\n  batch_size: ten\n"), to: "x.yaml")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == ["x.yaml:9:15: train.batch_size must be an integer, got 'ten'",
                                   "error: 1 of 1 experiment file invalid"])
}

@Test func validateReportsEveryProblemOfAFileTogetherInLineOrder() throws {
    let dir = try ScratchDirectory("validate")
    try dir.write(experiment(train: "  batch_size: ten\n  epocs: 3\n"), to: "x.yaml")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stderrLines == ["x.yaml:8:15: train.batch_size must be an integer, got 'ten'",
                                   "x.yaml:9:3: unknown key 'epocs' in train (did you mean 'epochs'?)",
                                   "error: 1 of 1 experiment file invalid"])
}

@Test func validateOfAMissingDataFolderNamesTheFolderRelativeToTheWorkingDirectory() throws {
    let dir = try ScratchDirectory("validate")
    try dir.write(experiment(data: "  root: No_Such_Data\n"), to: "x.yaml")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == [
        "x.yaml:2:9: data.root: data folder 'No_Such_Data' does not exist (relative to the current directory)",
        "error: 1 of 1 experiment file invalid",
    ])
}

@Test func validateResolvesTheDataRootAgainstTheWorkingDirectory() throws {
    // The same relative root is fine from the package root and missing from anywhere else.
    let dir = try ScratchDirectory("validate")
    let file = try dir.write(experiment(data: "  root: Animals_Sounds\n"), to: "x.yaml")
    let fromRoot = try SoundLabCLI.run(["validate", file.path])
    #expect(fromRoot.status == 0, "stderr: \(fromRoot.stderr)")
    #expect(fromRoot.stdout == "ok  \(file.path)\n")
    let elsewhere = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    #expect(elsewhere.status == 2)
    #expect(elsewhere.stderrLines.first.map(String.init)
        == "x.yaml:2:9: data.root: data folder 'Animals_Sounds' does not exist (relative to the current directory)")
}

@Test func validateOfAMissingClassFolderNamesItAndSuggestsTheNearestClass() throws {
    let dir = try ScratchDirectory("validate")
    let root = SoundLabCLI.packageRoot.appendingPathComponent("Animals_Sounds").path
    try dir.write(experiment(data: "  root: \(root)\n  classes: [Cat, Dgo]\n"), to: "x.yaml")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    let first = try #require(result.stderrLines.first)
    #expect(first.hasPrefix("x.yaml:3:12: data.classes: no class folder 'Dgo' in '\(root)/Training'"))
    #expect(first.contains("'Dog'"))
}

@Test func validateOfInvalidYAMLSyntaxGivesOneLocatedLine() throws {
    let dir = try ScratchDirectory("validate")
    // An unclosed flow sequence opened at line 2, column 11: libyaml notices at the next key.
    try dir.write("train:\n  epochs: [1, 2\nseed: 3\n", to: "x.yaml")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == [
        "x.yaml:3:5: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 2:11)",
        "error: 1 of 1 experiment file invalid",
    ])
}

@Test func validateOfABadIndentGivesTheLineAndColumnOfTheBadKey() throws {
    let dir = try ScratchDirectory("validate")
    // `batch_size` is indented by one space: neither a key of `train` nor a top-level key.
    try dir.write("train:\n  epochs: 3\n batch_size: 4\n", to: "x.yaml")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stderrLines == [
        "x.yaml:3:2: invalid YAML: did not find expected key (while parsing a block mapping at 1:1)",
        "error: 1 of 1 experiment file invalid",
    ])
}

@Test func validateOfAMissingFileAndOfAFolderSayWhyEach() throws {
    let dir = try ScratchDirectory("validate")
    try FileManager.default.createDirectory(at: dir.path("folder.yaml"), withIntermediateDirectories: true)
    let result = try SoundLabCLI.run(["validate", "nope.yaml", "folder.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == ["nope.yaml: cannot read experiment file: no such file",
                                   "folder.yaml: cannot read experiment file: is a directory, not a YAML file",
                                   "error: 2 of 2 experiment files invalid"])
}

@Test func validateOfAMisspeltOverrideNamesTheOverride() throws {
    let result = try SoundLabCLI.run(["validate", "experiments/baseline_1d_cnn.yaml", "--set", "train.epocs=3"])
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == ["--set train.epocs=3: unknown key 'epocs' in train (did you mean 'epochs'?)",
                                   "error: 1 of 1 experiment file invalid"])
}

@Test func validateOfAWellTypedOverrideIsAppliedBeforeValidation() throws {
    let ok = try SoundLabCLI.run(["validate", "--print", "experiments/baseline_1d_cnn.yaml", "--set", "train.epochs=7"])
    #expect(ok.status == 0, "stderr: \(ok.stderr)")
    #expect(ok.stdout.hasPrefix("ok  experiments/baseline_1d_cnn.yaml\n"))
    #expect(ok.stdout.contains("\n  epochs: 7\n"))
    #expect(!ok.stdout.contains("\n  epochs: 30\n"))
    let bad = try SoundLabCLI.run(["validate", "experiments/baseline_1d_cnn.yaml", "--set", "train.epochs=five"])
    expectNoCrash(bad)
    #expect(bad.status == 2)
    #expect(bad.stderrLines.first == "--set train.epochs=five: train.epochs must be an integer, got 'five'")
}

@Test func validateOfMalformedOverridesGivesOneLineEachNeverATrap() throws {
    let cases: [(String, String)] = [
        ("train.epochs", "--set train.epochs: an override must look like path.to.key=value"),
        ("=3", "--set =3: an override path must be dot-separated keys, e.g. train.epochs"),
        ("train..epochs=3", "--set train..epochs=3: an override path must be dot-separated keys, e.g. train.epochs"),
        ("extends=base.yaml", "--set extends=base.yaml: extends cannot be overridden: bases are merged before overrides"),
        ("model.layers.99.rate=0.5", "--set model.layers.99.rate=0.5: model.layers has 12 items, no index 99"),
    ]
    for (override, expected) in cases {
        let result = try SoundLabCLI.run(["validate", "experiments/baseline_1d_cnn.yaml", "--set", override])
        expectNoCrash(result)
        #expect(result.status == 2, "--set \(override)")
        #expect(result.stderrLines.first.map(String.init) == expected)
    }
}

@Test func validateOfValidAndInvalidFilesStillPrintsOkForTheValidOnesAndExitsTwo() throws {
    let dir = try ScratchDirectory("validate")
    let bad = try dir.write(experiment(train: "  epocs: 3\n"), to: "bad.yaml")
    let good = try dir.write(experiment(), to: "good.yaml")
    let result = try SoundLabCLI.run(["validate", bad.path, "experiments/baseline_1d_cnn.yaml", good.path])
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout == "ok  experiments/baseline_1d_cnn.yaml\nok  \(good.path)\n")
    #expect(result.stderrLines == ["\(bad.path):8:3: unknown key 'epocs' in train (did you mean 'epochs'?)",
                                   "error: 1 of 3 experiment files invalid"])
}

@Test func validatePrintOutputIsAResolvedConfigThatValidatesAgain() throws {
    let result = try SoundLabCLI.run(["validate", "--print", "experiments/mixnoise_1d_cnn.yaml"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let header = "ok  experiments/mixnoise_1d_cnn.yaml\n"
    #expect(result.stdout.hasPrefix(header))
    let resolved = String(result.stdout.dropFirst(header.count))
    // Resolved: `extends` merged away, the base's settings and this file's own name written out.
    #expect(!resolved.contains("extends"))
    #expect(resolved.contains("name: mixnoise_1d_cnn\n"))
    #expect(resolved.contains("abstract: false\n"))
    #expect(resolved.contains("  epochs: 30\n"))
    #expect(resolved.contains("mode: naive"))

    let dir = try ScratchDirectory("validate")
    let copy = try dir.write(resolved, to: "resolved.yaml")
    let again = try SoundLabCLI.run(["validate", "--print", copy.path])
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(again.stdout == "ok  \(copy.path)\n" + resolved)
}


@Test func validateChecksAnAbsoluteDataRootAsWrittenNotUnderTheWorkingDirectory() throws {
    // Bug pinned: an absolute data.root was joined onto "." and so always reported missing.
    let dir = try ScratchDirectory("validate")
    try dir.write(experiment(), to: "x.yaml")
    let present = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(present)
    #expect(present.status == 0, "stderr: \(present.stderr)")
    #expect(present.stdout == "ok  x.yaml\n")
    #expect(present.stderr.isEmpty)

    let missing = dir.path("nowhere").path
    try dir.write(experiment(data: "  root: \(missing)\n"), to: "y.yaml")
    let absent = try SoundLabCLI.run(["validate", "y.yaml"], directory: dir.url)
    #expect(absent.status == 2)
    #expect(absent.stderrLines == ["y.yaml:2:9: data.root: data folder '\(missing)' does not exist",
                                   "error: 1 of 1 experiment file invalid"])
}

@Test func validateOfSeveralFilesNamesTheFileAnOverrideFailedFor() throws {
    // Bug pinned: the same `--set` line came out once per file with no file named, so when an override fit one
    // file and not another, nothing said which.
    let result = try SoundLabCLI.run(["validate", "experiments/baseline_1d_cnn.yaml", "experiments/mixnoise_1d_cnn.yaml",
                                      "--set", "augmentation.0.p=0.3"])
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout == "ok  experiments/mixnoise_1d_cnn.yaml\n")
    #expect(result.stderrLines == [
        "experiments/baseline_1d_cnn.yaml: --set augmentation.0.p=0.3: augmentation is not set, so it has no item 0",
        "error: 1 of 2 experiment files invalid",
    ])
    let both = try SoundLabCLI.run(["validate", "experiments/baseline_1d_cnn.yaml", "experiments/mixnoise_1d_cnn.yaml",
                                    "--set", "train.epocs=3"])
    #expect(both.status == 2)
    #expect(both.stderrLines == [
        "experiments/baseline_1d_cnn.yaml: --set train.epocs=3: unknown key 'epocs' in train (did you mean 'epochs'?)",
        "experiments/mixnoise_1d_cnn.yaml: --set train.epocs=3: unknown key 'epocs' in train (did you mean 'epochs'?)",
        "error: 2 of 2 experiment files invalid",
    ])
}

@Test func validateBuildsTheModelAndReportsALayerOptionOutsideItsRangeAtTheValue() throws {
    // Bug pinned: `pool_size: 0` passed validate and then killed `run` with a division by zero.
    let dir = try ScratchDirectory("validate")
    let root = SoundLabCLI.packageRoot.appendingPathComponent("Animals_Sounds").path
    try dir.write("""
        data:
          root: \(root)
        model:
          layers:
            - {type: max_pool1d, pool_size: 0}
            - {type: flatten}
            - {type: dense, units: classes, activation: softmax}

        """, to: "x.yaml")
    let result = try SoundLabCLI.run(["validate", "x.yaml"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == ["x.yaml:5:37: model.layers.0 (max_pool1d): pool_size must be an integer in [1, 65536], got 0",
                                   "error: 1 of 1 experiment file invalid"])
}
