import Foundation
import Testing

/// A layer type of 900,000 characters is refused at once with its first 80 characters and no suggestion (the
/// fuzz campaign's case took up to 10 s computing edit distances and echoed the whole name).
@Test func validateRefusesAHugeUnknownLayerTypeQuicklyWithItsNameCut() throws {
    let scratch = try RunScratch()
    let name = String(repeating: "conv", count: 225_000)
    try scratch.write("huge.yaml", "data: {root: data}\nmodel:\n  layers:\n    - {type: \(name)}\n")
    let started = Date()
    let result = try scratch.run(["validate", "huge.yaml"])
    #expect(Date().timeIntervalSince(started) < 2)
    expectNoCrash(result)
    #expect(result.status == 2)
    let first = result.stderrLines.first.map(String.init) ?? ""
    #expect(first.count < 300, "\(first.prefix(300))")
    #expect(first.hasSuffix("unknown layer type '" + String(repeating: "conv", count: 20) + "…'"), "\(first.prefix(300))")
}

/// A model that fits the schema but not the memory budget is refused by validate with the estimate (the dense
/// layer after the baseline's flatten at its largest width: 516 M parameters, about 7.8 GiB to train).
@Test func validateRefusesAModelOverTheMemoryBudgetWithTheEstimate() throws {
    let result = try SoundLabCLI.run(["validate", "experiments/baseline_1d_cnn.yaml", "--set", "model.layers.9.units=65536",
                                      "--memory-budget", "4"])
    expectNoCrash(result)
    #expect(result.status == 2, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("the model would need about 7.8 GiB to train (516"), "\(result.stderr)")
    #expect(result.stderr.contains("over the memory budget of 4.0 GiB"), "\(result.stderr)")
    let fits = try SoundLabCLI.run(["validate", "experiments/baseline_1d_cnn.yaml", "--memory-budget", "4"])
    #expect(fits.status == 0, "stderr: \(fits.stderr)")
}
