import Foundation
import Testing

/// Clips `make noise` wrote under Animals_Sounds/Noise/synthetic (git-ignored; none in a fresh clone). The audit
/// counts them as noise, never as classes.
private func syntheticNoiseClips() -> Int {
    let root = SoundLabCLI.packageRoot.appendingPathComponent("Animals_Sounds/Noise/synthetic")
    let walker = FileManager.default.enumerator(atPath: root.path)
    return (walker?.allObjects as? [String] ?? []).filter { path in
        path.hasSuffix(".wav") && !path.split(separator: "/").contains { $0.hasPrefix(".") }
    }.count
}

/// The shipped dataset, as `soundlab audit` must describe it.
@Test func auditOfTheShippedDatasetReportsItsCountsAndExitsZero() throws {
    let result = try SoundLabCLI.run(["audit"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.contains("875 clips in 10 classes (Training 697, Test 178); \(10 + syntheticNoiseClips()) noise clips"))
    #expect(result.stdout.contains("Undecodable files: none"))
    #expect(result.stdout.contains("Duplicate groups (identical bytes): 42 (87 files), 0 crossing Training/Test"))
    #expect(result.stdout.contains("Problems: none; the dataset is usable."))
    let rows = result.stdout.split(separator: "\n")
    #expect(rows.contains { $0.hasPrefix("Training  Bird ") && $0.contains(" 160 ") })
    #expect(rows.contains { $0.hasPrefix("Test      Donkey ") && $0.contains(" 5 ") })
    #expect(rows.contains { $0.hasPrefix("noise     wind ") && $0.contains(" 10 ") })
    #expect(!result.stderr.contains("error:"))
}

@Test func auditJSONOfTheShippedDatasetParsesAndHoldsTheCounts() throws {
    let result = try SoundLabCLI.run(["audit", "Animals_Sounds", "--json"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["totalClips"] as? Int == 875)
    #expect(json["noiseClips"] as? Int == 10 + syntheticNoiseClips())
    #expect((json["classNames"] as? [String])?.count == 10)
    #expect((json["classNames"] as? [String])?.first == "Bird")
    let splits = try #require(json["splits"] as? [[String: Any]])
    #expect(splits.map { $0["name"] as? String } == ["Training", "Test"])
    #expect(splits.map { ($0["total"] as? [String: Any])?["clips"] as? Int } == [697, 178])
    #expect(splits.map { ($0["classes"] as? [Any])?.count } == [10, 10])
    #expect((json["undecodable"] as? [Any])?.count == 0)
    let groups = try #require(json["duplicateGroups"] as? [[String: Any]])
    #expect(groups.count == 42)
    #expect(groups.allSatisfy { $0["crossesSplits"] as? Bool == false })
    #expect(json["crossSplitDuplicateGroups"] as? Int == 0)
    #expect(json["usable"] as? Bool == true)
}

/// The shipped dataset's recording conditions give classes away: most Bird clips carry energy above 6.3 kHz, few
/// of the others do. The audit names the property and the classes, warns on stderr and still exits 0.
@Test func auditOfTheShippedDatasetFlagsTheBandwidthConfoundAndExitsZero() throws {
    let result = try SoundLabCLI.run(["audit"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.contains(
        "WARNING bandwidth predicts the class: balanced accuracy 0.28 vs chance 0.10, Cramér's V 0.50\n"
        + "  separates best (recall): Bird 0.74 (74 % of its clips: > 6.3 kHz), "
        + "Monkey 0.74 (74 % of its clips: 2.9–4.2 kHz), Dog 0.53 (53 % of its clips: ≤ 2.1 kHz)\n"))
    #expect(result.stdout.contains("  bandwidth       5          0.28    0.10        0.50  WARN\n"))
    #expect(result.stdout.contains("  duration        5          0.21    0.10        0.29\n"))
    #expect(result.stdout.hasSuffix("Problems: none; the dataset is usable.\n"
        + "Warnings: 3 (sample rate, encoding, bandwidth predict the class; --strict makes them fail the audit)\n"))
    #expect(result.stderrLines == ["warning: sample rate, encoding, bandwidth predict the class on their own "
        + "(see Confounds); --strict makes this fail"])
}

@Test func auditStrictFailsOnTheShippedDatasetsConfounds() throws {
    let result = try SoundLabCLI.run(["audit", "--strict", "--json"])
    #expect(result.status == 1)
    #expect(result.stderrLines == ["error: dataset has confounds: sample rate, encoding, bandwidth predict the class "
        + "on their own (see Confounds)"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["usable"] as? Bool == true)
    let confounds = try #require(json["confounds"] as? [[String: Any]])
    #expect(confounds.filter { $0["warns"] as? Bool == true }.map { $0["property"] as? String }
        == ["sampleRate", "encoding", "bandwidth"])
    let warnings = try #require(json["warnings"] as? [String])
    #expect(warnings.count == 3)
    #expect(warnings[2].hasPrefix("bandwidth predicts the class: balanced accuracy 0.28 vs chance 0.10, Cramér's V 0.50; "
        + "separates best (recall): Bird 0.74"))
    #expect((json["recordings"] as? [Any])?.count == 875)
}

@Test func auditOfAMissingFolderExitsTwoWithOneLineNamingIt() throws {
    let result = try SoundLabCLI.run(["audit", "No_Such_Dataset"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.count == 1)
    #expect(result.stderrLines.first?.hasPrefix("error: ") == true)
    #expect(result.stderr.contains("No_Such_Dataset"))
}

@Test func auditOfAFolderWithoutClassFoldersExitsTwo() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-cli-ds-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for split in ["Training", "Test"] {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(split), withIntermediateDirectories: true)
    }
    let result = try SoundLabCLI.run(["audit", root.path])
    #expect(result.status == 2)
    #expect(result.stderrLines.count == 1)
    #expect(result.stderr.contains("no class folders in \(root.appendingPathComponent("Training").path)"))
}

@Test func auditOfADatasetMissingAClassFromASplitPrintsTheReportAndExitsOne() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-cli-ds-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let shipped = SoundLabCLI.packageRoot.appendingPathComponent("Animals_Sounds")
    let copies = [("Training/Cat/cat_1.wav", "Training/Cat/a.wav"),
                  ("Training/Dog/dog_1.wav", "Training/Dog/a.wav"),
                  ("Test/Cat/cat_103.wav", "Test/Cat/a.wav")]
    for (from, to) in copies {
        let destination = root.appendingPathComponent(to)
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: shipped.appendingPathComponent(from), to: destination)
    }
    let result = try SoundLabCLI.run(["audit", root.path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("3 clips in 2 classes (Training 2, Test 1); 0 noise clips"))
    #expect(result.stdout.contains("class 'Dog' is in Training but missing from Test"))
    #expect(result.stderrLines == ["error: dataset not usable: class 'Dog' is in Training but missing from Test"])
}

@Test func helpListsTheSubcommands() throws {
    let result = try SoundLabCLI.run(["--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("SUBCOMMANDS:"))
    #expect(result.stdout.contains("audit"))
    let audit = try SoundLabCLI.run(["audit", "--help"])
    #expect(audit.status == 0)
    #expect(audit.stdout.contains("--json"))
}
