import Foundation
import Testing

/// A set anywhere on disk, holding two of the model's three classes under other folder names, is scored over the
/// classes it holds after `map`: its numbers follow by hand from the Test set's confusion matrix (the same clips,
/// so the same predictions), with predictions of the class it lacks counted as errors and reported.
@Test func aMappedClassSubsetIsScoredOverItsClassesWithOutOfSetPredictionsAsErrors() throws {
    let scratch = try RunScratch(testClips: 6)
    let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-elsewhere-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    for (folder, c) in [("Drone", 0), ("Tone", 1), ("Pig", 2)] {
        for i in 0..<6 {
            let u = elsewhere.appendingPathComponent("\(folder)/t\(i).wav")
            try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
            try toneClip(class: c, clip: 100 + i).write(to: u)
        }
    }
    try scratch.write("small.yaml", smallExperiment + """
        evaluate:
          sets:
            - {name: test, path: Test}
            - {name: elsewhere, path: \(elsewhere.path), map: {Drone: Hum, Pig: null}}
        """)
    let result = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=4"])
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("evaluation set 'elsewhere' leaves out its folder(s) Pig (map: null)"), "\(result.stderr)")
    let cm = try scratch.text("runs/small/metrics/confusion_matrix.csv").split(separator: "\n").dropFirst()
        .map { $0.split(separator: ",").dropFirst().map { Double($0)! } }
    // Rows Hum and Tone of the Test matrix are the subset's: same clips, same model, no transform.
    let (h, t, w) = (0, 1, 2)
    let n = cm[h].reduce(0, +) + cm[t].reduce(0, +)
    let accuracy = (cm[h][h] + cm[t][t]) / n
    func f1(_ c: Int) -> Double {
        let precision = cm[c][c] / max(cm[h][c] + cm[t][c], 1), recall = cm[c][c] / cm[c].reduce(0, +)
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }
    let outOfSet = (cm[h][w] + cm[t][w]) / n
    let summary = try scratch.text("runs/small/metrics/sets/elsewhere/summary.csv").split(separator: "\n")
    let header = summary[0].split(separator: ",").map(String.init), row = summary[1].split(separator: ",").map(String.init)
    func value(_ column: String) -> Double { Double(row[header.firstIndex(of: column)!])! }
    #expect(abs(value("accuracy") - accuracy) < 1e-6, "\(summary) vs \(cm)")
    #expect(abs(value("macro_f1") - (f1(h) + f1(t)) / 2) < 1e-6, "\(summary) vs \(cm)")
    #expect(abs(value("out_of_set") - outOfSet) < 1e-6, "\(summary) vs \(cm)")
    let report = try scratch.text("runs/small/metrics/sets/elsewhere/classification_report.csv")
    #expect(report.contains("\nWhistle,") && report.split(separator: "\n").first { $0.hasPrefix("Whistle,") }!.hasSuffix(",0"), "\(report)")
    let split = try scratch.text("runs/small/split.csv")
    #expect(split.contains("Drone/t0.wav,Hum,elsewhere") && !split.contains("Pig/"), "\(split)")
}

/// What a set's classes can get wrong is refused before training, naming the set, the class and the way out.
@Test func evaluationSetClassMistakesAreClearErrorsBeforeTraining() throws {
    let scratch = try RunScratch()
    try scratch.write("data/Other/Gull/g0.wav", toneClip(class: 1, clip: 50))
    let cases: [(String, String)] = [
        ("{name: odd, path: Test, map: {Hum: Humm}}",
         "evaluation set 'odd' (Test): map sends 'Hum' to 'Humm', which is not a class of the model (its classes: Hum, Tone, Whistle) (did you mean 'Hum'?)"),
        ("{name: odd, path: Test, map: {Hun: Tone}}",
         "evaluation set 'odd' (Test): map names class folder 'Hun', which the set does not have (its folders: Hum, Tone, Whistle) (did you mean 'Hum'?)"),
        ("{name: odd, path: Other}",
         "evaluation set 'odd' (Other) holds class 'Gull', which the model was not trained on (its classes: Hum, Tone, Whistle); rename it with map: {Gull: <class>} or leave it out with map: {Gull: null}"),
        ("{name: odd, path: Other, map: {Gull: null}}",
         "evaluation set 'odd' (Other) has no clip of a class the model knows (its folders: Gull; the model's classes: Hum, Tone, Whistle)"),
    ]
    for (set, message) in cases {
        try scratch.write("small.yaml", smallExperiment + "evaluate:\n  sets: [{name: test, path: Test}, \(set)]\n")
        let result = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=3"])
        expectNoCrash(result)
        #expect(result.status == 2, "\(set): \(result.stderr)")
        #expect(result.stderrLines.last?.hasSuffix(message) == true, "\(set): \(result.stderr)")
        #expect(!result.stderr.contains("training…") && !scratch.exists("runs/small"), "\(set): refused before training")
    }
}

/// A robustness curve scores every (noise folder, SNR); its points are the same audio as a single set asking for
/// the same condition (the mix depends on the seed, the clip and the noise, not on the set), and louder noise
/// never leaves the clips as they were.
@Test func robustnessCurveHasAPointPerNoiseAndSNRMatchingTheSingleSet() throws {
    let scratch = try RunScratch()
    try scratch.write("data/Noise/hiss/h0.wav", toneClip(class: 7, clip: 3))
    try scratch.write("small.yaml", smallExperiment + """
        evaluate:
          sets:
            - {name: test, path: Test}
            - {name: wind_0, path: Test, noise: {folders: Noise/wind, snr_db: 0}}
            - {name: curve, path: Test, noise: {folders: [Noise/wind, Noise/hiss], snr_db: [20, 0, -10]}}
        """)
    let result = try scratch.run(["run", "small.yaml", "--runs", "runs", "--cache", "c", "--set", "train.epochs=4"])
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let rows = try scratch.text("runs/small/metrics/robustness.csv").split(separator: "\n").map(String.init)
    #expect(rows[0] == "set,noise,snr_db,accuracy,macro_f1,weighted_f1,ece,out_of_set,clips")
    #expect(rows.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
            == ["curve,wind,20", "curve,wind,0", "curve,wind,-10", "curve,hiss,20", "curve,hiss,0", "curve,hiss,-10"])
    let single = try scratch.text("runs/small/metrics/sets/wind_0/summary.csv").split(separator: "\n")[1].split(separator: ",")
    let point = rows[2].split(separator: ",")
    #expect(point[3] == single[2] && point[4] == single[3], "\(point) vs \(single)")
    #expect(scratch.exists("runs/small/charts/robustness.svg") && scratch.exists("runs/small/charts/reliability.svg"))
    let summary = try scratch.text("runs/small/metrics/summary.csv")
    #expect(!summary.contains("curve"), "curve points live in robustness.csv only: \(summary)")
}
