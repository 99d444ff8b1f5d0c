import Foundation
import Testing

/// `soundlab reproduce` retrains a committed run and finds it identical; a committed number changed by one digit,
/// or a weight byte, is reported with the file and line, and the exit status is 1.
@Test func reproduceFindsACommittedRunIdenticalAndNamesADigitThatIsNot() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment.replacingOccurrences(of: "seed: 7", with: "seed: [7, 8]"))
    let made = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=3"])
    #expect(made.status == 0, "stderr: \(made.stderr)")
    // The committed runs are the 3-epoch ones: reproduce with the same override.
    let base = ["reproduce", "small.yaml", "--runs", "runs", "--cache", "c", "--scratch", "fresh"]
    try scratch.write("small.yaml", smallExperiment.replacingOccurrences(of: "seed: 7", with: "seed: [7, 8]")
        .replacingOccurrences(of: "epochs: 12", with: "epochs: 3"))
    // Retraining with epochs written into the file gives the same resolved config as the override did.
    let same = try scratch.run(base)
    expectNoCrash(same)
    #expect(same.status == 0, "stdout: \(same.stdout) stderr: \(same.stderr)")
    #expect(same.stdout == "reproduced  small-seed7\n1 of 1 runs reproduced to the last digit\n", "\(same.stdout)")

    let summary = "runs/small-seed7/metrics/summary.csv"
    let text = try scratch.text(summary)
    let lines = text.split(separator: "\n").map(String.init)
    var cells = lines[1].split(separator: ",").map(String.init)
    cells[1] = cells[1].last == "0" ? String(cells[1].dropLast()) + "1" : String(cells[1].dropLast()) + "0"
    try scratch.write(summary, lines[0] + "\n" + cells.joined(separator: ",") + "\n")
    let changed = try scratch.run(base + ["--all-seeds"])
    expectNoCrash(changed)
    #expect(changed.status == 1, "stdout: \(changed.stdout) stderr: \(changed.stderr)")
    #expect(changed.stdout.contains("DIFFERS     small-seed7\n  metrics/summary.csv: line 2: committed "), "\(changed.stdout)")
    #expect(changed.stdout.contains("reproduced  small-seed8\n"), "\(changed.stdout)")
    #expect(changed.stdout.hasSuffix("1 of 2 runs reproduced to the last digit\n"), "\(changed.stdout)")
}
