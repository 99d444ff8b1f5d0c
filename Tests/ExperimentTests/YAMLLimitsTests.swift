import Experiment
import Foundation
import Testing

/// A billion-laughs file made `validate` grow memory without bound, and a file in another encoding was reported
/// without a position. YAML that would cost far more than its length is refused before Yams builds a tree of it,
/// and bytes that are not UTF-8 are reported at the first one.
@Suite struct YAMLLimitsTests {
    /// `levels` anchored lists of ten: level 0 holds ten strings, each next one ten aliases of the one before.
    private func laughs(_ levels: Int) -> String {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1..<levels { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ",") + "]") }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func billionLaughsIsRefusedQuicklyAtTheAliasThatCrossesTheLimit() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("laughs.yaml", laughs(10))
        let started = Date()
        // a0..a3 and their keys are 12 350 values and each *a3 is 11 111 more: the 8th alias on line 5 crosses 100 000.
        #expect(diagnostics(path) == ["\(path):5:38: YAML aliases expand this file past 100000 values (an alias bomb?); soundlab refuses it"])
        #expect(Date().timeIntervalSince(started) < 1)
    }

    /// Yams hashes mapping keys while it composes, so an aliased key is walked in full: it counts like any alias.
    @Test func aliasedMappingKeysCountTowardsTheLimit() throws {
        let scratch = try ConfigScratch()
        let keys = (1...9).map { "? *a3\n: \($0)" }.joined(separator: "\n")
        let path = try scratch.write("keys.yaml", "defs:\n  - " + laughs(4).split(separator: "\n").joined(separator: "\n  - ") + "\n" + keys + "\n")
        let found = diagnostics(path)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(path):") == true, "the refusal names a position in the file")
        #expect(found.first?.hasSuffix("YAML aliases expand this file past 100000 values (an alias bomb?); soundlab refuses it") == true)
    }

    @Test func aliasesWithinTheLimitsStillLoad() throws {
        let scratch = try ConfigScratch()
        try scratch.makeDataset()
        let path = try scratch.write("aliases.yaml", """
            model:
              layers:
                - &conv {type: conv1d, filters: 8, kernel_size: 3, activation: relu}
                - *conv
                - {type: flatten}
                - {type: dense, units: classes, activation: softmax}

            """)
        #expect(diagnostics(path, dataDirectory: scratch.root) == [])
    }

    @Test func moreThanAThousandAnchorsOrAliasesAreRefused() throws {
        let scratch = try ConfigScratch()
        let anchors = try scratch.write("anchors.yaml", "x: [" + (0...1000).map { "&n\($0) 1" }.joined(separator: ", ") + "]\n")
        #expect(diagnostics(anchors).first?.hasSuffix(": more than 1000 YAML anchors (&name); soundlab refuses the file") == true)
        let aliases = try scratch.write("aliases.yaml", "a: &a 1\nx: [" + Array(repeating: "*a", count: 1001).joined(separator: ", ") + "]\n")
        #expect(diagnostics(aliases).first?.hasSuffix(": more than 1000 YAML aliases (*name); soundlab refuses the file") == true)
    }

    @Test func nestingDeeperThanAHundredLevelsIsRefusedInOurWords() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("deep.yaml", "a: " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "\n")
        // The mapping is level 1, so the 100th bracket (column 3 + 100) opens level 101.
        #expect(diagnostics(path) == ["\(path):1:103: YAML nested deeper than 100 levels; soundlab refuses the file"])
        // Past libyaml's own limit of 1000 it stops first, at a place of its choosing; the words are still ours.
        let deeper = try scratch.write("deeper.yaml", "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n")
        #expect(diagnostics(deeper).first?.hasSuffix(": YAML nested deeper than 100 levels; soundlab refuses the file") == true)
    }

    @Test func aliasBombInASetOverrideIsRefusedAtTheOverride() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", "seed: 1\n")
        var levels = ["&a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        for i in 1..<9 { levels.append("&a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let override = "seed=[" + levels.joined(separator: ", ") + "]"
        let found = diagnostics(path, overrides: [override])
        #expect(found == ["--set \(override): YAML aliases expand this file past 100000 values (an alias bomb?); soundlab refuses it"])
    }

    private func write(_ scratch: ConfigScratch, _ name: String, _ bytes: [UInt8]) throws -> String {
        let path = scratch.root + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func latin1ByteIsReportedAtItsLineAndColumn() throws {
        let scratch = try ConfigScratch()
        let path = try write(scratch, "latin1.yaml", Array("seed: 1\nname: caf".utf8) + [0xE9] + Array("\n".utf8))
        #expect(diagnostics(path) == ["\(path):2:10: not UTF-8 text (byte 0xE9); save the file as UTF-8"])
    }

    /// Columns count characters, as libYAML's do: a two-byte ñ before the bad byte is one column.
    @Test func columnOfABadByteCountsCharactersNotBytes() throws {
        let scratch = try ConfigScratch()
        let path = try write(scratch, "n.yaml", Array("name: ñ".utf8) + [0xFF])
        #expect(diagnostics(path) == ["\(path):1:8: not UTF-8 text (byte 0xFF); save the file as UTF-8"])
    }

    /// Overlong forms and surrogates decode to something in lenient decoders; they are not UTF-8.
    @Test func overlongAndSurrogateSequencesAreNotUTF8() throws {
        let scratch = try ConfigScratch()
        let overlong = try write(scratch, "overlong.yaml", Array("a: ".utf8) + [0xC0, 0x80])
        #expect(diagnostics(overlong) == ["\(overlong):1:4: not UTF-8 text (byte 0xC0); save the file as UTF-8"])
        let surrogate = try write(scratch, "surrogate.yaml", Array("a: b\nc: ".utf8) + [0xED, 0xA0, 0x80])
        #expect(diagnostics(surrogate) == ["\(surrogate):2:4: not UTF-8 text (byte 0xED); save the file as UTF-8"])
        let cut = try write(scratch, "cut.yaml", Array("a: ".utf8) + [0xE2, 0x82])
        #expect(diagnostics(cut) == ["\(cut):1:4: not UTF-8 text (byte 0xE2); save the file as UTF-8"])
    }

    @Test func utf16FileIsNamedAsSuch() throws {
        let scratch = try ConfigScratch()
        let path = try write(scratch, "utf16.yaml", [0xFF, 0xFE] + Array("seed: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(diagnostics(path) == ["\(path):1:1: not UTF-8 text (UTF-16); save the file as UTF-8"])
    }

    /// `extends: /dev/zero` read forever; a FIFO would block. Only regular files are read.
    @Test func extendingADeviceIsRefusedNotRead() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("x.yaml", "extends: /dev/zero\n")
        #expect(diagnostics(path) == ["\(path):1:10: cannot read extended file '/dev/zero': not a regular file"])
    }

    @Test func experimentFileOverAMebibyteIsRefusedUnread() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("big.yaml", "seed: 1\n" + String(repeating: "# padding\n", count: 104_858))
        #expect(diagnostics(path) == ["\(path): cannot read experiment file: 1048588 bytes, more than the 1024 KiB an experiment file may have"])
    }
}
