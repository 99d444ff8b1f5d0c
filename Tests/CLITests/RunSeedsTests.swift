import Foundation
import Testing

/// `seed: [7, 8]` runs the experiment once per seed into `runs/<name>-seed<s>/`; each seed's run is exactly the
/// single-seed run of that seed (same numbers, same resolved config), and `table` folds them into one row.
@Test func seedListRunsEachSeedIntoItsOwnFolderWithTheSingleSeedNumbers() throws {
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    try scratch.write("small_seeds.yaml", smallExperiment.replacingOccurrences(of: "seed: 7", with: "seed: [7, 8]"))
    let run = try scratch.run(["run", "small_seeds.yaml", "--runs", "seeds", "--cache", "cache-seeds"])
    expectNoCrash(run)
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let seven = scratch.url("seeds/small-seed7").path, eight = scratch.url("seeds/small-seed8").path
    #expect(run.stdout.contains("wrote \(seven)\n"), "\(run.stdout)")
    #expect(run.stdout.contains("wrote \(eight)\n"), "\(run.stdout)")
    #expect(run.stderr.contains("seed 8 (small-seed8)"), "\(run.stderr)")
    // Seed 7 of the list is the plain seed-7 run, digit for digit and byte for byte (its config.yaml says seed: 7).
    try expectSameMetrics(reference.folder, scratch.url("seeds/small-seed7"))
    let config8 = try scratch.text("seeds/small-seed8/config.yaml")
    #expect(config8.contains("\nseed: 8\n"), "\(config8)")
    #expect(try scratch.text("seeds/small-seed8/metrics/summary.csv") != scratch.text("seeds/small-seed7/metrics/summary.csv"))

    let table = try scratch.run(["table", "seeds"])
    #expect(table.status == 0, "stderr: \(table.stderr)")
    let rows = table.stdout.split(separator: "\n").filter { $0.hasPrefix("| small") }
    #expect(rows.count == 1, "\(table.stdout)")
    #expect(rows.first?.hasPrefix("| small (2 seeds) | ") == true, "\(table.stdout)")
    #expect(rows.first?.contains(" ± ") == true, "\(table.stdout)")

    // Nothing is retrained when both seeds are current; a resume of a finished list retrains nothing either.
    let again = try scratch.run(["run", "small_seeds.yaml", "--runs", "seeds", "--cache", "cache-seeds", "--if-stale"])
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(again.stdout == "up to date  \(seven)\nup to date  \(eight)\n")
    let resumed = try scratch.run(["run", "small_seeds.yaml", "--runs", "seeds", "--cache", "cache-seeds", "--resume"])
    #expect(resumed.stdout == again.stdout, "stderr: \(resumed.stderr)")
}

/// A seed list with a repeat is a located config error (the repeat would only write the same run twice).
@Test func seedListWithARepeatExitsTwoAtTheRepeat() throws {
    let scratch = try RunScratch()
    try scratch.write("dup.yaml", smallExperiment.replacingOccurrences(of: "seed: 7", with: "seed: [7, 8, 7]"))
    let result = try scratch.run(["run", "dup.yaml"])
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stderr == "error: dup.yaml:2:14: seed.2 repeats seed 7\n", "\(result.stderr)")
}
