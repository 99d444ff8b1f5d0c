import Experiment
import Foundation
import Testing

/// A value echoed in a message keeps the message on one line: a block scalar's line break is written `\n`
/// (the fuzz campaign's `seed: |` case printed the closing quote on a line of its own).
@Test func aValueWithALineBreakIsEchoedOnOneLine() throws {
    let scratch = try ConfigScratch()
    try scratch.makeDataset()
    let path = try scratch.write("e.yaml", "seed: |\n  x\n" + minimalModel)
    let found = diagnostics(path, dataDirectory: scratch.root)
    #expect(found.count == 1, "\(found)")
    #expect(found.first?.hasSuffix("seed must be an integer, got 'x\\n'") == true, "\(found)")
    #expect(found.allSatisfy { !$0.contains("\n") }, "\(found)")
}
