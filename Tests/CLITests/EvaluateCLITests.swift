import Foundation
import Testing

/// `soundlab evaluate` scores a finished run from its weights on a set given later and gets exactly the numbers
/// training-time evaluation got for the same condition; it leaves the files training wrote as they were, and a
/// run without weights is refused with the command that recreates them.
@Test func evaluateScoresALaterSetExactlyAsTheRunWouldHave() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment + """
        evaluate:
          sets:
            - {name: test, path: Test}
            - {name: wind_0, path: Test, noise: {folders: Noise/wind, snr_db: 0}}
        """)
    let trained = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=4"])
    #expect(trained.status == 0, "stderr: \(trained.stderr)")
    let summaryBefore = try scratch.text("runs/small/metrics/summary.csv")
    try scratch.write("later.yaml", "- {name: later_wind_0, path: Test, noise: {folders: Noise/wind, snr_db: 0}}\n"
                      + "- {name: later_curve, path: Test, noise: {folders: Noise/wind, snr_db: [10, 0]}}\n")
    let result = try scratch.run(["evaluate", "runs/small", "--set", "later.yaml", "--cache", "c"])
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    func cells(_ path: String) throws -> [Substring] { try scratch.text(path).split(separator: "\n")[1].split(separator: ",") }
    let during = try cells("runs/small/metrics/sets/wind_0/summary.csv"), later = try cells("runs/small/metrics/sets/later_wind_0/summary.csv")
    #expect(during[2...6] == later[2...6] && during[11...] == later[11...], "\(during) vs \(later)")
    #expect(try scratch.text("runs/small/metrics/summary.csv") == summaryBefore)
    let curve = try scratch.text("runs/small/metrics/robustness.csv")
    #expect(curve.contains("later_curve,wind,0,\(during[2]),\(during[3]),"), "\(curve)")
    let table = try scratch.run(["table", "runs"])
    #expect(table.stdout.contains("| later_wind_0 macro-F1 |"), "\(table.stdout)")

    let again = try scratch.run(["evaluate", "runs/small", "--set", "later.yaml", "--cache", "c"])
    #expect(again.status == 2 && again.stderr.contains("already has a set named 'later_wind_0' scored by soundlab evaluate; pass --force"),
            "\(again.stderr)")
    let forced = try scratch.run(["evaluate", "runs/small", "--set", "later.yaml", "--cache", "c", "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try cells("runs/small/metrics/sets/later_wind_0/summary.csv") == later)

    try FileManager.default.removeItem(at: scratch.url("runs/small/weights.safetensors"))
    let refused = try scratch.run(["evaluate", "runs/small", "--set", "later.yaml", "--cache", "c"])
    expectNoCrash(refused)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("runs/small has no weights.safetensors (weights are not committed with a run); recreate them exactly with `soundlab run"),
            "\(refused.stderr)")
}
