import Foundation
import Testing

/// An evaluation set without one of the model's classes is scored over the classes it holds, and the run says so;
/// the report keeps the absent class's row with support 0 and the summary's macro F1 is the mean over the others.
@Test func aTestSetMissingAClassIsScoredOverTheClassesItHoldsAndSaysSo() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    try FileManager.default.removeItem(at: scratch.url("data/Test/Whistle"))
    let result = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=3"])
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("note: evaluation set 'test' (Test) has no clip of Whistle; its macro averages are over the 2 classes it holds"),
            "\(result.stderr)")
    let report = try scratch.text("runs/small/metrics/classification_report.csv").split(separator: "\n").map(String.init)
    let f1 = { (row: String) in Double(row.split(separator: ",")[3])! }
    let hum = try #require(report.first { $0.hasPrefix("Hum,") }), tone = try #require(report.first { $0.hasPrefix("Tone,") })
    let whistle = try #require(report.first { $0.hasPrefix("Whistle,") })
    #expect(whistle.hasSuffix(",0"), "\(whistle)")
    let macro = try #require(report.first { $0.hasPrefix("macro avg,") })
    #expect(abs(f1(macro) - (f1(hum) + f1(tone)) / 2) < 1e-6, "\(report)")
    let table = try scratch.run(["table", "runs"])
    #expect(table.stdout.contains(" (over 2 of 3 classes) |"), "\(table.stdout)")
}

/// A class in an evaluation set that the model was never trained on is an error naming the class, not clips
/// silently dropped from the evaluation.
@Test func aTestClassUnknownToTheModelIsAnErrorNamingIt() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    try scratch.write("data/Test/Zebra/z0.wav", toneClip(class: 5, clip: 0))
    let result = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=3"])
    expectNoCrash(result)
    #expect(result.status == 2, "stderr: \(result.stderr)")
    #expect(result.stderrLines.last?.contains("holds class 'Zebra', which the model was not trained on (its classes: Hum, Tone, Whistle)") == true,
            "\(result.stderr)")
    #expect(!scratch.exists("runs/small"))
    #expect(!result.stderr.contains("training…"), "refused before training: \(result.stderr)")
}
