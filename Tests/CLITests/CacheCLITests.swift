import Foundation
import Testing

/// A one-epoch experiment on the scratch dataset with `mels` bands (each band count is its own cache entries).
private func tinyExperiment(_ name: String, mels: Int) -> String {
    """
    name: \(name)
    data: {root: data, validation_fraction: 0.25}
    features: {sample_rate: 16000, n_fft: 512, hop_length: 256, n_mels: \(mels), max_frames: 32}
    model:
      layers:
        - {type: flatten}
        - {type: dense, units: classes, activation: softmax}
    train: {epochs: 1, batch_size: 8}

    """
}

/// Two experiments fill the cache with the 33 clips (24 training, 9 test) under two settings; pruning for one of
/// them keeps exactly its 33 entries (still found by the next run), a dry run first changes nothing, and a second
/// prune finds nothing to remove.
@Test func cachePruneKeepsTheEntriesOfTheGivenExperimentsAndRemovesTheRest() throws {
    let scratch = try RunScratch()
    try scratch.write("a.yaml", tinyExperiment("a", mels: 32))
    try scratch.write("b.yaml", tinyExperiment("b", mels: 16))
    for file in ["a.yaml", "b.yaml"] {
        let run = try scratch.run(["run", file])
        #expect(run.status == 0, "\(file): \(run.stderr)")
    }
    func packBytes() throws -> Int {
        let folder = scratch.url(".cache/features/packs")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pack") }
            .map { try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.size] as! Int }
            .reduce(0, +)
    }
    let before = try packBytes()

    let dry = try scratch.run(["cache", "prune", "a.yaml", "--dry-run"])
    expectNoCrash(dry)
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(dry.stdout.hasPrefix("would keep 33 entries ("), "\(dry.stdout)")
    #expect(dry.stdout.contains("for 1 experiment(s); would remove 33 ("), "\(dry.stdout)")
    #expect(try packBytes() == before)

    let prune = try scratch.run(["cache", "prune", "a.yaml"])
    expectNoCrash(prune)
    #expect(prune.status == 0, "\(prune.stderr)")
    #expect(prune.stdout.hasPrefix("kept 33 entries ("), "\(prune.stdout)")
    #expect(prune.stdout.contains("removed 33 ("), "\(prune.stdout)")
    // One pack now, smaller than before: 32-band entries stay, 16-band ones are gone.
    let packs = try FileManager.default.contentsOfDirectory(atPath: scratch.url(".cache/features/packs").path)
    #expect(packs.filter { $0.hasSuffix(".pack") }.count == 1, "\(packs)")
    #expect(try packBytes() < before)

    // The kept entries are found: running `a` again computes nothing, so the cache does not grow.
    let pruned = try packBytes()
    let rerun = try scratch.run(["run", "a.yaml"])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(try packBytes() == pruned)

    let again = try scratch.run(["cache", "prune", "a.yaml"])
    #expect(again.status == 0)
    #expect(again.stdout.hasPrefix("kept 33 entries ("), "\(again.stdout)")
    #expect(again.stdout.hasSuffix("removed 0 (0.0 MB)\n"), "\(again.stdout)")
}

@Test func cachePruneOfAMisspeltExperimentNamesTheLineAndRemovesNothing() throws {
    let scratch = try RunScratch()
    try scratch.write("a.yaml", tinyExperiment("a", mels: 32).replacingOccurrences(of: "epochs: 1", with: "epocs: 1"))
    let result = try scratch.run(["cache", "prune", "a.yaml"])
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines.first?.hasPrefix("a.yaml:8:") == true, "\(result.stderr)")
    #expect(result.stderrLines.first?.contains("'epocs'") == true, "\(result.stderr)")
    #expect(result.stderrLines.last == "error: cannot read the experiments; nothing was removed")
}
