import Foundation
import Testing

/// `evaluate.cross_validation` retrains the recipe once per fold of the training clips and writes
/// `metrics/cross_validation.csv`; everything else in the run folder is what the run writes without it, because
/// the folds draw from streams of their own.
@Test func crossValidationWritesFoldRowsAndLeavesTheRunUnchanged() throws {
    let scratch = try RunScratch()
    try scratch.write("small.yaml", smallExperiment)
    let plain = try scratch.run(["run", "small.yaml", "--runs", "plain", "--cache", "c", "--set", "train.epochs=4"])
    expectNoCrash(plain)
    try #require(plain.status == 0, "stderr: \(plain.stderr)")
    let cv = try scratch.run(["run", "small.yaml", "--runs", "cv", "--cache", "c", "--set", "train.epochs=4",
                              "--set", "evaluate.cross_validation.folds=3"])
    expectNoCrash(cv)
    try #require(cv.status == 0, "stderr: \(cv.stderr)")
    #expect(cv.stderr.contains("cross-validation fold 1/3…") && cv.stderr.contains("cross-validation fold 3/3…"), "\(cv.stderr)")
    #expect(cv.stdout.contains("small  cv macro F1 ") && cv.stdout.contains(" over 3 folds"), "\(cv.stdout)")
    #expect(!plain.stdout.contains("cv macro F1") && !scratch.exists("plain/small/metrics/cross_validation.csv"))

    let lines = try scratch.text("cv/small/metrics/cross_validation.csv").split(separator: "\n").map(String.init)
    try #require(lines.count == 6, "header, 3 folds, mean, sd: \(lines)")
    #expect(lines[0] == "fold,train_clips,held_out_clips,accuracy,macro_f1,weighted_f1,ece")
    let cells = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(cells.map { $0[0] } == ["1", "2", "3", "mean", "sd"])
    let folds = cells.prefix(3)
    let trainingClips = RunScratch.classes.count * 8
    #expect(folds.map { Int($0[2])! }.reduce(0, +) == trainingClips, "every training clip held out once: \(lines)")
    #expect(folds.allSatisfy { Int($0[1])! + Int($0[2])! == trainingClips }, "\(lines)")
    #expect(cells[3][1...2] == ["", ""] && cells[4][1...2] == ["", ""])
    for column in 3...6 {
        let values = folds.map { Double($0[column])! }
        let mean = values.reduce(0, +) / 3
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        #expect(abs(Double(cells[3][column])! - mean) <= 1e-6 + 1e-12, "\(lines[0]) column \(column): \(lines)")
        #expect(abs(Double(cells[4][column])! - sd) <= 1e-5, "sample sd, column \(column): \(lines)")
    }

    // The main run draws nothing for the folds: same weights, history, reports and split as without them.
    try expectSameMetrics(scratch.url("plain/small"), scratch.url("cv/small"), sameConfig: false)
    for file in ["split.csv", "labels.json", "metrics/calibration.csv"] {
        #expect(try scratch.text("plain/small/\(file)") == scratch.text("cv/small/\(file)"), "\(file) differs")
    }
    let config = try scratch.text("cv/small/config.yaml")
    #expect(config.contains("cross_validation:") && config.contains("folds: 3"), "\(config)")
}
