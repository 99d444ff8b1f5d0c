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
